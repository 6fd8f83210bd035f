package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kubernetes form of the one realm definition, deploy/keycloak/workout-tracker-realm.json (the realm the local
 * stack and the tests use):
 *
 * <ul>
 *   <li>{@code components/keycloak/realm-import.yaml}: a KeycloakRealmImport of that realm without its demo users
 *       and with the password grant off, which is what every overlay gets;
 *   <li>{@code overlays/dev/realm-demo-users.yaml}: the JSON patch of the dev overlay that puts the demo users and
 *       the password grant back.
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
