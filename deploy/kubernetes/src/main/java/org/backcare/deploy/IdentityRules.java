package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keycloak and signing in behind the edge, in prod (docs/identity.md): Keycloak replicated, spread and protected
 * from drains, no public admin console, no operator Ingress without TLS, no operator NetworkPolicy open to everyone,
 * forwarded headers trusted from the edge only; the browser logins (web app, progress-service report pages) with a
 * required shared session key, Secure and split cookies; a realm without demo users, password grant or local
 * addresses except a loopback CLI client with PKCE; and the realm-sync Job carrying the realm that is imported.
 */
final class IdentityRules implements ProductionRules {

    /** Secrets the installer creates (deploy/README.md step 3), which no operator of the overlay produces. */
    static final Set<String> INSTALLER_SECRETS = Set.of("backcare-web-session");

    /** The Deployments that sign people in with the code flow: their session-cookie variables' prefix. */
    static final Map<String, String> CODE_FLOW =
            Map.of("web-app", "QUARKUS_OIDC_", "progress-service", "QUARKUS_OIDC_WEB_");

    /** The only local address a prod client may accept: RFC 8252's loopback redirect, any port. */
    static final String LOOPBACK_REDIRECT = "http://127.0.0.1/*";

    /** JGroups (the distributed caches) between Keycloak's instances: data and failure detection. */
    static final List<Integer> JGROUPS_PORTS = List.of(7800, 57800);

    static final int MANAGEMENT_PORT = 9000;

    private static final Set<String> EVERYWHERE = Set.of("0.0.0.0/0", "::/0", "*");

    @Override
    public void check(Manifests manifests, Violations violations) {
        NetworkPolicies policies = new NetworkPolicies(manifests);
        manifests.ofKind("Keycloak").forEach(keycloak -> keycloak(manifests, policies, keycloak, violations));
        manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> realm(realmImport, violations));
        codeFlow(manifests, violations);
        trustedProxies(manifests, violations);
        realmSync(manifests, violations);
    }

    /** The labels the Keycloak operator puts on the pods of a Keycloak. */
    static Map<String, String> keycloakPodLabels(JsonNode keycloak) {
        Map<String, String> labels = new HashMap<>();
        labels.put("app", "keycloak");
        labels.put("app.kubernetes.io/instance", name(keycloak));
        labels.put("app.kubernetes.io/managed-by", "keycloak-operator");
        return labels;
    }

    private static void keycloak(
            Manifests manifests, NetworkPolicies policies, ObjectNode keycloak, Violations violations) {
        JsonNode spec = keycloak.path("spec");
        int instances = spec.path("instances").asInt(1);
        if (instances < 2) {
            violations.of(keycloak, "needs at least 2 instances in prod");
        }
        String hostname = spec.path("hostname").path("hostname").asText();
        if (!hostname.startsWith("https://")) {
            violations.of(keycloak, "the public hostname must be https:// in prod");
        }
        // the operator creates an Ingress unless told not to; it sends every path, /admin included
        JsonNode ingress = spec.path("ingress");
        if (ingress.path("enabled").asBoolean(true)) {
            if (ingress.path("tlsSecret").asText().isEmpty()) {
                violations.of(
                        keycloak,
                        "its operator Ingress has no spec.ingress.tlsSecret: " + hostname + " would be served with the"
                                + " ingress controller's default certificate and every sign-in fail");
            }
            violations.of(
                    keycloak,
                    "its operator Ingress sends every path to Keycloak, the admin console (/admin) included: set"
                            + " spec.ingress.enabled: false and route only /realms/ and /resources/ at the edge");
        }
        String admin = spec.path("hostname").path("admin").asText();
        if (admin.isEmpty() || ManifestPolicies.origin(admin).equals(ManifestPolicies.origin(hostname))) {
            violations.of(
                    keycloak,
                    "spec.hostname.admin is " + (admin.isEmpty() ? "unset" : admin) + ": the admin console would be"
                            + " served at the public address " + hostname + "; set it to an internal address");
        }
        networkPolicy(manifests, policies, keycloak, violations);
        if (!spec.path("proxy").path("headers").asText().isEmpty()) {
            Optional<String> trusted = additionalOption(spec, "proxy-trusted-addresses");
            if (trusted.isEmpty() || trusted.get().isBlank() || everywhere(trusted.get())) {
                violations.of(
                        keycloak,
                        "reads " + spec.path("proxy").path("headers").asText() + " headers but proxy-trusted-addresses"
                                + " is " + trusted.orElse("unset") + ": anyone could set the address Keycloak"
                                + " believes; add it to additionalOptions with the edge's addresses");
            }
        }
        Map<String, String> pods = keycloakPodLabels(keycloak);
        boolean budget = manifests
                .ofKind("PodDisruptionBudget")
                .anyMatch(p -> NetworkPolicies.selects(p.path("spec").path("selector"), pods)
                        && (p.path("spec").path("maxUnavailable").asInt(0) >= 1
                                || (p.path("spec").has("minAvailable")
                                        && p.path("spec").path("minAvailable").asInt() < instances)));
        if (!budget) {
            violations.of(
                    keycloak,
                    "needs a PodDisruptionBudget selecting its pods (app=keycloak, app.kubernetes.io/instance="
                            + name(keycloak) + ") that lets one go at a time in prod");
        }
        for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
            boolean spread = false;
            for (JsonNode constraint : spec.path("scheduling").path("topologySpreadConstraints")) {
                spread |= key.equals(constraint.path("topologyKey").asText())
                        && NetworkPolicies.selects(constraint.path("labelSelector"), pods);
            }
            if (!spread) {
                violations.of(
                        keycloak,
                        "needs a spec.scheduling.topologySpreadConstraints entry over " + key
                                + " selecting its pods in prod");
            }
        }
    }

    /**
     * The operator's own NetworkPolicy (on unless spec.networkPolicy.enabled is false) opens each port to every source
     * whose peers are not given. Off, the project's policies must let Keycloak's instances talk (JGroups) and keep the
     * management port from the workloads.
     */
    private static void networkPolicy(
            Manifests manifests, NetworkPolicies policies, ObjectNode keycloak, Violations violations) {
        JsonNode spec = keycloak.path("spec").path("networkPolicy");
        if (spec.path("enabled").asBoolean(true)) {
            List<String> open = new ArrayList<>();
            for (String port : List.of("http", "https", "management")) {
                if (spec.path(port).isEmpty()) {
                    open.add(port);
                }
            }
            if (!open.isEmpty()) {
                violations.of(
                        keycloak,
                        "the operator's NetworkPolicy opens " + open + " to every pod and namespace (no peers in"
                                + " spec.networkPolicy): give their peers or set spec.networkPolicy.enabled: false");
            }
            return;
        }
        Map<String, String> pods = keycloakPodLabels(keycloak);
        boolean isolated = policies.selecting(podTemplate(pods)).findAny().isPresent();
        if (!isolated) {
            violations.of(
                    keycloak,
                    "spec.networkPolicy.enabled is false but no NetworkPolicy selects its pods: every pod could reach"
                            + " it");
            return;
        }
        for (int port : JGROUPS_PORTS) {
            if (!policies.allows("Ingress", pods, pods, port, "")) {
                violations.of(
                        keycloak,
                        "the NetworkPolicies do not let its instances reach each other on " + port
                                + " (JGroups): the caches of the two instances would split");
            }
        }
        manifests.workloadDeployments().forEach(workload -> {
            if (policies.allows("Ingress", pods, NetworkPolicies.podLabels(workload), MANAGEMENT_PORT, "management")) {
                violations.of(
                        keycloak,
                        "the NetworkPolicies let " + name(workload) + " reach its management port " + MANAGEMENT_PORT
                                + ": only the monitoring namespace may");
            }
        });
    }

    private static ObjectNode podTemplate(Map<String, String> labels) {
        ObjectNode workload = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ObjectNode podLabels = workload.putObject("spec")
                .putObject("template")
                .putObject("metadata")
                .putObject("labels");
        labels.forEach(podLabels::put);
        return workload;
    }

    private static Optional<String> additionalOption(JsonNode spec, String option) {
        for (JsonNode entry : spec.path("additionalOptions")) {
            if (option.equals(entry.path("name").asText())) {
                return Optional.of(entry.path("value").asText());
            }
        }
        return Optional.empty();
    }

    private static boolean everywhere(String addresses) {
        for (String address : addresses.split(",")) {
            if (EVERYWHERE.contains(address.trim())) {
                return true;
            }
        }
        return false;
    }

    private static void realm(ObjectNode realmImport, Violations violations) {
        JsonNode realm = realmImport.path("spec").path("realm");
        if (!realm.path("users").isEmpty()) {
            List<String> users = new ArrayList<>();
            realm.path("users").forEach(u -> users.add(u.path("username").asText()));
            violations.of(realmImport, "imports users " + users + ": no demo users in prod");
        }
        for (JsonNode client : realm.path("clients")) {
            String clientId = client.path("clientId").asText();
            if (client.path("directAccessGrantsEnabled").asBoolean(false)) {
                violations.of(realmImport, "client " + clientId + " allows the password grant in prod");
            }
            List<String> addresses = new ArrayList<>();
            client.path("webOrigins").forEach(u -> addresses.add(u.asText()));
            addresses.add(
                    client.path("attributes").path("post.logout.redirect.uris").asText());
            for (JsonNode redirect : client.path("redirectUris")) {
                if (redirect.asText().equals(LOOPBACK_REDIRECT) && loopbackClient(client)) {
                    continue;
                }
                addresses.add(redirect.asText());
            }
            for (String address : addresses) {
                if (address.contains("localhost") || address.contains("127.0.0.1") || address.contains("[::1]")) {
                    violations.of(
                            realmImport,
                            "client " + clientId + " accepts " + address + " in prod"
                                    + (address.equals(LOOPBACK_REDIRECT)
                                            ? ": a loopback redirect only for a public client without a secret,"
                                                    + " with the code flow and pkce.code.challenge.method S256"
                                            : ""));
                }
            }
        }
    }

    /** A native client as RFC 8252 wants it: public, no secret, the code flow, PKCE S256, nothing implicit. */
    private static boolean loopbackClient(JsonNode client) {
        return client.path("publicClient").asBoolean(false)
                && !client.has("secret")
                && client.path("standardFlowEnabled").asBoolean(true)
                && !client.path("implicitFlowEnabled").asBoolean(false)
                && "S256"
                        .equals(client.path("attributes")
                                .path("pkce.code.challenge.method")
                                .asText());
    }

    /** The browser logins: a required, shared session key; Secure cookies; tokens split over cookies. */
    private static void codeFlow(Manifests manifests, Violations violations) {
        CODE_FLOW.forEach((deploymentName, prefix) -> manifests
                .find("Deployment", deploymentName)
                .ifPresent(d -> {
                    Optional<JsonNode> secret = envFrom(d, "BACKCARE_WEB_SESSION_SECRET");
                    if (secret.isEmpty()) {
                        violations.of(
                                d,
                                "does not read BACKCARE_WEB_SESSION_SECRET from a Secret: each replica would make its own"
                                        + " session key and sign-ins fail across replicas");
                    } else if (secret.get().path("optional").asBoolean(false)) {
                        violations.of(
                                d,
                                "reads BACKCARE_WEB_SESSION_SECRET from Secret "
                                        + secret.get().path("name").asText()
                                        + " with optional: true: without it each replica makes its own key; make it required");
                    }
                    for (String variable : List.of(
                            prefix + "AUTHENTICATION_COOKIE_FORCE_SECURE",
                            prefix + "TOKEN_STATE_MANAGER_SPLIT_TOKENS")) {
                        if (!"true".equals(ManifestPolicies.env(d, variable).orElse(""))) {
                            violations.of(
                                    d,
                                    "needs " + variable + "=true in prod"
                                            + (variable.endsWith("SECURE")
                                                    ? ": its cookies hold the person's tokens"
                                                    : ": one cookie with all three tokens outgrows the browsers' 4 KB"));
                        }
                    }
                }));
    }

    private static Optional<JsonNode> envFrom(JsonNode deployment, String variable) {
        for (JsonNode container :
                deployment.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : container.path("env")) {
                if (variable.equals(env.path("name").asText())
                        && env.path("valueFrom").has("secretKeyRef")) {
                    return Optional.of(env.path("valueFrom").path("secretKeyRef"));
                }
            }
        }
        return Optional.empty();
    }

    /** Whose X-Forwarded-* the web app and the progress-service believe: set, and not everyone. */
    private static void trustedProxies(Manifests manifests, Violations violations) {
        manifests
                .ofKind("ConfigMap")
                .filter(c -> name(c).startsWith("backcare-common"))
                .forEach(config -> {
                    String trusted =
                            config.path("data").path("BACKCARE_TRUSTED_PROXIES").asText();
                    if (trusted.isBlank() || everywhere(trusted)) {
                        violations.of(
                                config,
                                "BACKCARE_TRUSTED_PROXIES is " + (trusted.isBlank() ? "unset" : trusted)
                                        + ": set it to the edge's pod addresses, or anyone could forge the https://"
                                        + " address the sign-in sends people back to");
                    }
                });
    }

    /**
     * A realm-sync Job applies the realm to the running Keycloak: a Job mounting a ConfigMap whose realm.json is this
     * realm. That it is exactly the realm imported is RealmImportInSyncTest's (the files are generated), so that a test
     * breaking the realm elsewhere does not trip this rule.
     */
    private static void realmSync(Manifests manifests, Violations violations) {
        manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> {
            String realm = realmImport.path("spec").path("realm").path("realm").asText();
            boolean synced = manifests.ofKind("Job").anyMatch(job -> {
                for (JsonNode volume :
                        job.path("spec").path("template").path("spec").path("volumes")) {
                    Optional<ObjectNode> configMap = manifests.find(
                            "ConfigMap", volume.path("configMap").path("name").asText());
                    if (configMap.isPresent() && realmNamed(configMap.get(), realm)) {
                        return true;
                    }
                }
                return false;
            });
            if (!synced) {
                violations.of(
                        realmImport,
                        "no Job applies realm " + realm + " to the running Keycloak (the import only creates a"
                                + " missing realm, so an edited realm would never apply): regenerate "
                                + RealmImportFiles.REALM_SYNC + " and list it in the prod kustomization");
            }
        });
    }

    private static boolean realmNamed(JsonNode configMap, String realm) {
        try {
            return realm.equals(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(configMap.path("data").path("realm.json").asText("{}"))
                    .path("realm")
                    .asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
