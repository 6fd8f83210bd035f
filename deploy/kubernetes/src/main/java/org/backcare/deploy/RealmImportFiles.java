package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Kubernetes form of the one realm definition, deploy/keycloak/workout-tracker-realm.json (the realm the local
 * stack and the tests use):
 *
 * <ul>
 *   <li>{@code components/keycloak/realm-import.yaml}: a KeycloakRealmImport of that realm without its demo users
 *       and with the password grant off, which is what every overlay gets;
 *   <li>{@code overlays/dev/realm-demo-users.yaml}: the JSON patch of the dev overlay that puts the demo users and
 *       the password grant back;
 *   <li>{@code overlays/prod/realm-sync.yaml}: the prod realm (the rendered KeycloakRealmImport's, after
 *       realm-prod.yaml) as a ConfigMap, and a Job that applies it to the running Keycloak with kcadm.sh (the
 *       KeycloakRealmImport only creates a realm that does not exist yet); both are named after a hash of the realm,
 *       so an edited realm is a new Job (docs/identity.md).
 * </ul>
 *
 * <p>Run {@link #main} to write them; {@code RealmImportInSyncTest} fails when the committed files differ from what
 * this would write.
 */
public final class RealmImportFiles {

    static final String REALM_FILE = "deploy/keycloak/workout-tracker-realm.json";
    static final String REALM_IMPORT = "deploy/kubernetes/components/keycloak/realm-import.yaml";
    static final String DEMO_USERS_PATCH = "deploy/kubernetes/overlays/dev/realm-demo-users.yaml";
    static final String KEYCLOAK_NAME = "backcare-keycloak";
    static final String REALM_SYNC = "deploy/kubernetes/overlays/prod/realm-sync.yaml";
    /** The realm-sync objects' name before the hash: the ConfigMap and the Job carry the same name. */
    static final String REALM_SYNC_PREFIX = "workout-tracker-realm-sync-";
    /** The pod label of the realm-sync Job, for its network policies. */
    static final String REALM_SYNC_COMPONENT = "realm-sync";
    /** The image of the realm-sync Job: the Keycloak the project embeds (root pom keycloak.dist.version). */
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.7.3";
    /** What partial import does not carry: the realm's own settings are applied by updating the realm. */
    static final List<String> PARTIAL_IMPORT_PARTS =
            List.of("users", "groups", "clients", "roles", "identityProviders", "identityProviderMappers");

    private static final ObjectMapper PRETTY_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private final ObjectNode realm;

    RealmImportFiles(ObjectNode realm) {
        this.realm = realm;
    }

    static RealmImportFiles from(Path projectRoot) {
        try {
            return new RealmImportFiles(
                    (ObjectNode) JSON.readTree(projectRoot.resolve(REALM_FILE).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REALM_FILE, e);
        }
    }

    /** The KeycloakRealmImport every overlay applies: no users, no password grant. */
    String realmImport() {
        ObjectNode importedRealm = realm.deepCopy();
        importedRealm.remove("users");
        for (JsonNode client : importedRealm.withArray("clients")) {
            ((ObjectNode) client).put("directAccessGrantsEnabled", false);
        }
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        resource.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("name", realm.path("realm").asText());
        metadata.putObject("labels").put("app.kubernetes.io/part-of", "backcare");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_NAME);
        spec.set("realm", importedRealm);
        return header("the realm of every overlay: no demo users, no password grant") + yaml(resource);
    }

    /** The dev overlay's JSON patch: the demo users and the password grant of the local realm. */
    String demoUsersPatch() {
        ArrayNode operations = JsonNodeFactory.instance.arrayNode();
        operations.addObject().put("op", "add").put("path", "/spec/realm/users").set("value", realm.withArray("users"));
        ArrayNode clients = realm.withArray("clients");
        for (int i = 0; i < clients.size(); i++) {
            operations
                    .addObject()
                    .put("op", "replace")
                    .put("path", "/spec/realm/clients/" + i + "/directAccessGrantsEnabled")
                    .put(
                            "value",
                            clients.get(i).path("directAccessGrantsEnabled").asBoolean());
        }
        return header("dev only: the demo users (password = name) and the password grant of the local realm")
                + yaml(operations);
    }

    /** The hash in the realm-sync objects' names: the first 10 hex digits of the SHA-256 of realm.json. */
    static String realmHash(String realmJson) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(realmJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** realm.json of the realm-sync ConfigMap: the realm as the KeycloakRealmImport imports it. */
    static String realmJson(JsonNode realm) {
        try {
            return PRETTY_JSON.writeValueAsString(realm) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** realm-settings.json: the realm without what partial import carries (clients, roles, users, ...). */
    static String realmSettingsJson(JsonNode realm) {
        ObjectNode settings = realm.deepCopy();
        PARTIAL_IMPORT_PARTS.forEach(settings::remove);
        return realmJson(settings);
    }

    private static final String SYNC_SCRIPT = String.join(
            "\n",
            "set -eu",
            "kc() { /opt/keycloak/bin/kcadm.sh \"$@\" --config /tmp/kcadm.config; }",
            "kc config credentials --server \"$KEYCLOAK_URL\" --realm master \\",
            "  --user \"$KEYCLOAK_ADMIN_USER\" --password \"$KEYCLOAK_ADMIN_PASSWORD\"",
            "realm=\"$REALM\"",
            "# a realm the KeycloakRealmImport has not created yet is created whole",
            "if ! kc get \"realms/$realm\" --fields realm >/dev/null 2>&1; then",
            "  kc create realms -f /realm/realm.json",
            "  exit 0",
            "fi",
            "# the realm's own settings, then its clients, roles, groups and users, overwriting what exists",
            "kc update \"realms/$realm\" -f /realm/realm-settings.json",
            "kc create partialImport -r \"$realm\" -s ifResourceExists=OVERWRITE -o -f /realm/realm.json",
            "");

    /**
     * The realm-sync objects for the prod realm (the rendered KeycloakRealmImport's {@code spec.realm}): the ConfigMap
     * with realm.json and realm-settings.json, the Job that applies them, and the network policies that let it reach
     * Keycloak only.
     */
    String realmSync(JsonNode prodRealm) {
        String realmJson = realmJson(prodRealm);
        String name = REALM_SYNC_PREFIX + realmHash(realmJson);
        JsonNodeFactory f = JsonNodeFactory.instance;

        ObjectNode configMap = f.objectNode();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        ObjectNode cmMeta = configMap.putObject("metadata");
        cmMeta.put("name", name);
        cmMeta.set("labels", syncLabels());
        ObjectNode data = configMap.putObject("data");
        data.put("realm.json", realmJson);
        data.put("realm-settings.json", realmSettingsJson(prodRealm));

        ObjectNode job = f.objectNode();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        ObjectNode jobMeta = job.putObject("metadata");
        jobMeta.put("name", name);
        jobMeta.set("labels", syncLabels());
        ObjectNode jobSpec = job.putObject("spec");
        jobSpec.put("backoffLimit", 10);
        jobSpec.put("ttlSecondsAfterFinished", 604800);
        ObjectNode template = jobSpec.putObject("template");
        template.putObject("metadata").set("labels", syncLabels());
        ObjectNode pod = template.putObject("spec");
        pod.put("restartPolicy", "OnFailure");
        pod.put("automountServiceAccountToken", false);
        pod.put("enableServiceLinks", false);
        ObjectNode podSecurity = pod.putObject("securityContext");
        podSecurity.put("runAsNonRoot", true);
        podSecurity.put("runAsUser", 1000);
        podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
        ObjectNode container = pod.putArray("containers").addObject();
        container.put("name", "kcadm");
        container.put("image", KEYCLOAK_IMAGE);
        container.putArray("command").add("/bin/bash").add("-c").add(SYNC_SCRIPT);
        ArrayNode env = container.putArray("env");
        env.addObject()
                .put("name", "REALM")
                .put("value", prodRealm.path("realm").asText());
        env.addObject().put("name", "KEYCLOAK_URL").put("value", "http://" + KEYCLOAK_NAME + "-service:8080");
        secretEnv(env, "KEYCLOAK_ADMIN_USER", "username");
        secretEnv(env, "KEYCLOAK_ADMIN_PASSWORD", "password");
        ObjectNode resources = container.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "256Mi");
        resources.putObject("limits").put("memory", "512Mi");
        ObjectNode security = container.putObject("securityContext");
        security.put("allowPrivilegeEscalation", false);
        security.put("readOnlyRootFilesystem", true);
        security.putObject("capabilities").putArray("drop").add("ALL");
        ArrayNode mounts = container.putArray("volumeMounts");
        mounts.addObject().put("name", "realm").put("mountPath", "/realm").put("readOnly", true);
        mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "realm").putObject("configMap").put("name", name);
        volumes.addObject().put("name", "tmp").putObject("emptyDir");

        return header("prod: the realm as the KeycloakRealmImport imports it (after realm-prod.yaml), applied to the"
                        + " running Keycloak by a Job\n# named after its hash (docs/identity.md)")
                + yaml(configMap) + "---\n" + yaml(job) + "---\n" + yaml(jobPolicy()) + "---\n"
                + yaml(keycloakFromJobPolicy());
    }

    private static void secretEnv(ArrayNode env, String variable, String key) {
        // the operator's first admin (deploy/README.md): if you replace it, keep this Secret's username/password
        env.addObject()
                .put("name", variable)
                .putObject("valueFrom")
                .putObject("secretKeyRef")
                .put("name", KEYCLOAK_NAME + "-initial-admin")
                .put("key", key);
    }

    private static ObjectNode syncLabels() {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        labels.put("app.kubernetes.io/name", "workout-tracker-realm-sync");
        labels.put("app.kubernetes.io/component", REALM_SYNC_COMPONENT);
        labels.put("app.kubernetes.io/part-of", "backcare");
        return labels;
    }

    private static ObjectNode policy(String name, ObjectNode podLabels) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("apiVersion", "networking.k8s.io/v1");
        policy.put("kind", "NetworkPolicy");
        policy.putObject("metadata").put("name", name);
        policy.putObject("spec").putObject("podSelector").set("matchLabels", podLabels);
        return policy;
    }

    private static ObjectNode keycloakLabels() {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        labels.put("app", "keycloak");
        labels.put("app.kubernetes.io/instance", KEYCLOAK_NAME);
        return labels;
    }

    private static ObjectNode componentLabel() {
        return JsonNodeFactory.instance.objectNode().put("app.kubernetes.io/component", REALM_SYNC_COMPONENT);
    }

    /** The Job's pods: out to DNS and Keycloak's 8080 only, nothing in. */
    private static ObjectNode jobPolicy() {
        ObjectNode policy = policy("realm-sync", componentLabel());
        ObjectNode spec = (ObjectNode) policy.get("spec");
        spec.putArray("policyTypes").add("Ingress").add("Egress");
        ArrayNode egress = spec.putArray("egress");
        ObjectNode dns = egress.addObject();
        ObjectNode dnsPeer = dns.putArray("to").addObject();
        dnsPeer.putObject("namespaceSelector")
                .putObject("matchLabels")
                .put("kubernetes.io/metadata.name", "kube-system");
        dnsPeer.putObject("podSelector").putObject("matchLabels").put("k8s-app", "kube-dns");
        ArrayNode dnsPorts = dns.putArray("ports");
        dnsPorts.addObject().put("protocol", "UDP").put("port", 53);
        dnsPorts.addObject().put("protocol", "TCP").put("port", 53);
        ObjectNode keycloak = egress.addObject();
        keycloak.putArray("to").addObject().putObject("podSelector").set("matchLabels", keycloakLabels());
        keycloak.putArray("ports").addObject().put("protocol", "TCP").put("port", 8080);
        return policy;
    }

    /** Keycloak's pods: in from the Job on 8080 (the admin API), added to network-policies.yaml's. */
    private static ObjectNode keycloakFromJobPolicy() {
        ObjectNode policy = policy("backcare-keycloak-from-realm-sync", keycloakLabels());
        ObjectNode spec = (ObjectNode) policy.get("spec");
        spec.putArray("policyTypes").add("Ingress");
        ObjectNode rule = spec.putArray("ingress").addObject();
        rule.putArray("from").addObject().putObject("podSelector").set("matchLabels", componentLabel());
        rule.putArray("ports").addObject().put("protocol", "TCP").put("port", 8080);
        return policy;
    }

    void write(Path projectRoot) throws IOException {
        Files.writeString(projectRoot.resolve(REALM_IMPORT), realmImport());
        Files.writeString(projectRoot.resolve(DEMO_USERS_PATCH), demoUsersPatch());
    }

    private static String header(String what) {
        return "# Generated from " + REALM_FILE + " by org.backcare.deploy.RealmImportFiles: do not edit.\n# " + what
                + "\n";
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes both files; the argument is the project's root (default: the working directory's ../..). */
    public static void main(String[] args) throws IOException {
        Path root =
                Path.of(args.length > 0 ? args[0] : "../..").toAbsolutePath().normalize();
        from(root).write(root);
        System.out.println("wrote " + root.resolve(REALM_IMPORT) + " and " + root.resolve(DEMO_USERS_PATCH));
    }
}
