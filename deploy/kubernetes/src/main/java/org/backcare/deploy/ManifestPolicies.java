package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules a rendered overlay must keep beyond its schemas. Every rule answers with a sentence naming the overlay,
 * the object and what to change. The rules for every overlay: probes on the health endpoints, requests and limits,
 * non-root and locked-down containers, pinned images, no Secret with data, every Secret a Deployment reads produced
 * by an operator of the overlay, and the topics of DESIGN.md. For prod also: replicas, autoscaling bounded by the
 * partitions, disruption budgets, topology spread, default-deny network policies, replicated Kafka and PostgreSQL
 * with backups, and no demo users, password grant or localhost addresses in the realm.
 */
public final class ManifestPolicies {

    /** The topics of DESIGN.md (as platform/embedded-infra's Topics creates them): name, partitions. */
    public static final Map<String, Integer> TOPICS = Map.of(
            "catalog.exercises", 3,
            "catalog.routines", 3,
            "workout.session-events", 6,
            "workout.session-events.dlq", 6);

    static final Map<String, String> HEALTH = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    private final Manifests manifests;
    private final List<String> violations = new ArrayList<>();

    private ManifestPolicies(Manifests manifests) {
        this.manifests = manifests;
    }

    /** Every violation of the rules for this overlay ("prod" gets the production rules too). */
    public static List<String> check(Manifests manifests) {
        ManifestPolicies policies = new ManifestPolicies(manifests);
        policies.everyOverlay();
        if (manifests.overlay().equals("prod")) {
            policies.production();
        }
        return List.copyOf(policies.violations);
    }

    private void violation(JsonNode object, String message) {
        violations.add(manifests.overlay() + ": " + object.path("kind").asText() + " " + name(object) + ": " + message);
    }

    // --- every overlay ----------------------------------------------------------------------------------------------

    private void everyOverlay() {
        if (manifests.serviceDeployments().count() != 3) {
            violations.add(manifests.overlay() + ": expected the Deployments of the three services, found "
                    + manifests.serviceDeployments().map(Manifests::name).toList());
        }
        manifests.serviceDeployments().forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            podSecurity(deployment, pod);
            for (JsonNode container : containers(pod)) {
                probes(deployment, container);
                resources(deployment, container);
                containerSecurity(deployment, container);
                image(deployment, container);
            }
        });
        manifests.ofKind("Secret").forEach(secret -> {
            if (secret.has("data") || secret.has("stringData")) {
                violation(secret, "holds secret data in the manifests; create it in the cluster (deploy/README.md)");
            }
        });
        secretsAreProduced();
        topics();
        issuer();
    }

    /** The issuer the services accept is the one Keycloak puts in its tokens: its hostname and the realm. */
    private void issuer() {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            String hostname =
                    keycloak.path("spec").path("hostname").path("hostname").asText();
            manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> {
                String expected = hostname + "/realms/"
                        + realmImport.path("spec").path("realm").path("realm").asText();
                manifests
                        .ofKind("ConfigMap")
                        .filter(c -> c.path("data").has("QUARKUS_OIDC_TOKEN_ISSUER"))
                        .forEach(config -> {
                            String issuer = config.path("data")
                                    .path("QUARKUS_OIDC_TOKEN_ISSUER")
                                    .asText();
                            if (!issuer.equals(expected)) {
                                violation(
                                        config,
                                        "QUARKUS_OIDC_TOKEN_ISSUER is " + issuer + " but Keycloak issues tokens as "
                                                + expected + ": every token would be refused");
                            }
                        });
            });
        });
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    private void probes(JsonNode deployment, JsonNode container) {
        HEALTH.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            if (!path.equals(get.path("path").asText())) {
                violation(
                        deployment,
                        "container " + container.path("name").asText() + " needs a " + probe + " on " + path + " (has "
                                + (container.has(probe) ? container.get(probe) : "none") + ")");
            }
        });
    }

    private void resources(JsonNode deployment, JsonNode container) {
        JsonNode resources = container.path("resources");
        for (String required : List.of("requests/cpu", "requests/memory", "limits/memory")) {
            String[] at = required.split("/");
            if (resources.path(at[0]).path(at[1]).asText().isEmpty()) {
                violation(
                        deployment,
                        "container " + container.path("name").asText() + " needs resources." + at[0] + "." + at[1]);
            }
        }
    }

    private void podSecurity(JsonNode deployment, JsonNode pod) {
        JsonNode security = pod.path("securityContext");
        if (!security.path("runAsNonRoot").asBoolean(false)) {
            violation(deployment, "the pod must set securityContext.runAsNonRoot: true");
        }
        if (security.has("runAsUser") && security.path("runAsUser").asLong() == 0) {
            violation(deployment, "the pod must not run as user 0 (root)");
        }
        if (!"RuntimeDefault"
                .equals(security.path("seccompProfile").path("type").asText())) {
            violation(deployment, "the pod must set securityContext.seccompProfile.type: RuntimeDefault");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)
                && manifests
                        .find("ServiceAccount", pod.path("serviceAccountName").asText())
                        .map(sa -> sa.path("automountServiceAccountToken").asBoolean(true))
                        .orElse(true)) {
            violation(
                    deployment, "the service does not call the Kubernetes API: turn off automountServiceAccountToken");
        }
    }

    private void containerSecurity(JsonNode deployment, JsonNode container) {
        String which = "container " + container.path("name").asText();
        JsonNode security = container.path("securityContext");
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            violation(deployment, which + " must set allowPrivilegeEscalation: false");
        }
        if (security.path("privileged").asBoolean(false)) {
            violation(deployment, which + " must not be privileged");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            violation(deployment, which + " must set readOnlyRootFilesystem: true");
        }
        boolean dropsAll = false;
        for (JsonNode capability : security.path("capabilities").path("drop")) {
            dropsAll |= capability.asText().equals("ALL");
        }
        if (!dropsAll || security.path("capabilities").has("add")) {
            violation(deployment, which + " must drop ALL capabilities and add none");
        }
        if (security.has("runAsUser") && security.path("runAsUser").asLong() == 0) {
            violation(deployment, which + " must not run as user 0 (root)");
        }
    }

    private void image(JsonNode deployment, JsonNode container) {
        String image = container.path("image").asText();
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":") && !image.contains("@sha256:")) {
            violation(deployment, "image " + image + " has no tag: pin a version");
        } else if (lastPart.endsWith(":latest")) {
            violation(deployment, "image " + image + " uses :latest: pin a version");
        }
    }

    /** Every Secret a service reads comes from an operator of the overlay (CloudNativePG, Strimzi). */
    private void secretsAreProduced() {
        Set<String> produced = new HashSet<>();
        manifests.ofKind("Cluster").forEach(c -> produced.add(name(c) + "-app"));
        manifests.ofKind("KafkaUser").forEach(u -> produced.add(name(u)));
        manifests.ofKind("Kafka").forEach(k -> produced.add(name(k) + "-cluster-ca-cert"));
        manifests.ofKind("Secret").forEach(s -> produced.add(name(s)));
        manifests.serviceDeployments().forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : containers(pod)) {
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    String secret = ref.path("name").asText();
                    // an optional Secret is one the operator of the cluster may add (deploy/README.md)
                    if (!secret.isEmpty()
                            && !produced.contains(secret)
                            && !ref.path("optional").asBoolean(false)) {
                        violation(deployment, "reads Secret " + secret + ", which nothing in the overlay produces");
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                String secret = volume.path("secret").path("secretName").asText();
                if (!secret.isEmpty() && !produced.contains(secret)) {
                    violation(deployment, "mounts Secret " + secret + ", which nothing in the overlay produces");
                }
            }
        });
    }

    private void topics() {
        TOPICS.forEach((topic, partitions) -> {
            List<ObjectNode> declared = manifests
                    .ofKind("KafkaTopic")
                    .filter(t -> topic.equals(t.path("spec").path("topicName").asText(name(t))))
                    .toList();
            if (declared.isEmpty()) {
                violations.add(manifests.overlay() + ": no KafkaTopic for " + topic);
            }
            declared.forEach(t -> {
                if (t.path("spec").path("partitions").asInt() != partitions) {
                    violation(t, topic + " needs " + partitions + " partitions, as DESIGN.md and the local stack");
                }
            });
        });
    }

    // --- prod ----------------------------------------------------------------------------------------------------

    private void production() {
        manifests.serviceDeployments().forEach(deployment -> {
            String service = name(deployment);
            if (deployment.path("spec").path("replicas").asInt(1) < 2) {
                violation(deployment, "needs at least 2 replicas in prod");
            }
            if (!deployment
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("topologySpreadConstraints")
                    .isArray()) {
                violation(deployment, "needs topologySpreadConstraints in prod");
            }
            autoscaler(deployment, service);
            disruptionBudget(deployment, service);
            networkPolicy(deployment, service);
        });
        defaultDeny();
        kafka();
        postgres();
        keycloak();
    }

    private void autoscaler(JsonNode deployment, String service) {
        List<ObjectNode> hpas = manifests
                .ofKind("HorizontalPodAutoscaler")
                .filter(h -> service.equals(
                        h.path("spec").path("scaleTargetRef").path("name").asText()))
                .toList();
        if (hpas.isEmpty()) {
            violation(deployment, "needs a HorizontalPodAutoscaler in prod");
        }
        for (ObjectNode hpa : hpas) {
            if (hpa.path("spec").path("minReplicas").asInt(1) < 2) {
                violation(hpa, "minReplicas must be at least 2 in prod");
            }
            if (service.equals("progress-service")) {
                int partitions = TOPICS.get("workout.session-events");
                if (hpa.path("spec").path("maxReplicas").asInt() > partitions) {
                    violation(
                            hpa,
                            "maxReplicas "
                                    + hpa.path("spec").path("maxReplicas").asInt() + " exceeds the "
                                    + partitions + " partitions of workout.session-events: the extra consumers"
                                    + " would idle");
                }
            }
        }
    }

    private void disruptionBudget(JsonNode deployment, String service) {
        boolean covered = manifests
                .ofKind("PodDisruptionBudget")
                .anyMatch(p -> selects(p.path("spec").path("selector"), podLabels(deployment)));
        if (!covered) {
            violation(deployment, "needs a PodDisruptionBudget selecting its pods in prod");
        }
    }

    private void networkPolicy(JsonNode deployment, String service) {
        boolean ingress =
                policiesSelecting(deployment).anyMatch(p -> p.path("spec").has("ingress"));
        boolean egress =
                policiesSelecting(deployment).anyMatch(p -> p.path("spec").has("egress"));
        if (!ingress || !egress) {
            violation(deployment, "needs NetworkPolicies allowing its ingress and its egress in prod");
        }
    }

    private Stream<ObjectNode> policiesSelecting(JsonNode deployment) {
        Map<String, String> labels = podLabels(deployment);
        return manifests
                .ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector"), labels));
    }

    private void defaultDeny() {
        manifests.serviceDeployments().forEach(deployment -> {
            boolean denies = policiesSelecting(deployment).anyMatch(p -> {
                JsonNode spec = p.path("spec");
                List<String> types = new ArrayList<>();
                spec.path("policyTypes").forEach(t -> types.add(t.asText()));
                return types.containsAll(List.of("Ingress", "Egress"))
                        && spec.path("ingress").isEmpty()
                        && spec.path("egress").isEmpty();
            });
            if (!denies) {
                violation(deployment, "needs a default-deny NetworkPolicy (Ingress and Egress, no rules) in prod");
            }
        });
    }

    private void kafka() {
        int brokers = 0;
        int controllers = 0;
        for (ObjectNode pool : manifests.ofKind("KafkaNodePool").toList()) {
            List<String> roles = new ArrayList<>();
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            int replicas = pool.path("spec").path("replicas").asInt();
            brokers += roles.contains("broker") ? replicas : 0;
            controllers += roles.contains("controller") ? replicas : 0;
        }
        if (brokers < 3 || controllers < 3) {
            violations.add("prod: Kafka needs at least 3 brokers and 3 controllers (has " + brokers + " and "
                    + controllers + ")");
        }
        manifests.ofKind("KafkaTopic").forEach(topic -> {
            if (topic.path("spec").path("replicas").asInt() < 3) {
                violation(topic, "needs 3 replicas in prod");
            }
            if (topic.path("spec").path("config").path("min.insync.replicas").asInt() < 2) {
                violation(topic, "needs min.insync.replicas of at least 2 in prod (acks=all must mean two copies)");
            }
        });
    }

    private void postgres() {
        Set<String> scheduled = new HashSet<>();
        manifests
                .ofKind("ScheduledBackup")
                .forEach(b -> scheduled.add(
                        b.path("spec").path("cluster").path("name").asText()));
        manifests.ofKind("Cluster").forEach(cluster -> {
            if (cluster.path("spec").path("instances").asInt() < 3) {
                violation(cluster, "needs 3 instances (a primary and two replicas) in prod");
            }
            if (!cluster.path("spec").has("backup")) {
                violation(cluster, "needs a backup configuration (WAL archiving) in prod");
            }
            if (!scheduled.contains(name(cluster))) {
                violation(cluster, "needs a ScheduledBackup in prod");
            }
        });
    }

    private void keycloak() {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            if (keycloak.path("spec").path("instances").asInt(1) < 2) {
                violation(keycloak, "needs at least 2 instances in prod");
            }
            if (!keycloak.path("spec")
                    .path("hostname")
                    .path("hostname")
                    .asText()
                    .startsWith("https://")) {
                violation(keycloak, "the public hostname must be https:// in prod");
            }
        });
        manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> {
            JsonNode realm = realmImport.path("spec").path("realm");
            if (!realm.path("users").isEmpty()) {
                List<String> users = new ArrayList<>();
                realm.path("users").forEach(u -> users.add(u.path("username").asText()));
                violation(realmImport, "imports users " + users + ": no demo users in prod");
            }
            for (JsonNode client : realm.path("clients")) {
                String clientId = client.path("clientId").asText();
                if (client.path("directAccessGrantsEnabled").asBoolean(false)) {
                    violation(realmImport, "client " + clientId + " allows the password grant in prod");
                }
                List<String> addresses = new ArrayList<>();
                client.path("redirectUris").forEach(u -> addresses.add(u.asText()));
                client.path("webOrigins").forEach(u -> addresses.add(u.asText()));
                addresses.add(client.path("attributes")
                        .path("post.logout.redirect.uris")
                        .asText());
                for (String address : addresses) {
                    if (address.contains("localhost") || address.contains("127.0.0.1")) {
                        violation(realmImport, "client " + clientId + " accepts " + address + " in prod");
                    }
                }
            }
        });
    }

    // --- selectors -----------------------------------------------------------------------------------------------

    private static Map<String, String> podLabels(JsonNode deployment) {
        Map<String, String> labels = new java.util.HashMap<>();
        deployment
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Whether a label selector (matchLabels only; matchExpressions are not used here) selects these labels. */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            return false;
        }
        for (var entry : selector.path("matchLabels").properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
