package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka in prod, on Strimzi 0.51.0 (the CRDs of schemas/strimzi-0.51.0): every Strimzi object on the {@code v1} API
 * (the only one Strimzi 1.0 serves), a Kafka version 0.51.0 runs, three brokers and three controllers, topics with
 * three replicas and {@code min.insync.replicas} 2, rack awareness by zone, node pools spread over zones and hosts,
 * Cruise Control rebalancing when brokers are added or removed, and the progress-service scaled by KEDA on its
 * consumer lag: its group and topic, no more replicas than partitions, and a Kafka user, credentials, CA and listener
 * peer that let KEDA read the lag.
 */
final class KafkaRules implements ProductionRules {

    static final String STRIMZI_API = "kafka.strimzi.io/v1";

    /** The Kafka versions Strimzi 0.51.0 runs that match the local stack's 4.1 clients (docs/kafka.md). */
    static final Set<String> KAFKA_VERSIONS = Set.of("4.1.0", "4.1.1");

    static final String ZONE = "topology.kubernetes.io/zone";
    static final String HOST = "kubernetes.io/hostname";

    /** The consumer KEDA scales on: progress-service's session-events channel (its application.properties). */
    static final String SCALED_SERVICE = "progress-service";

    static final String SCALED_GROUP = "progress-service";
    static final String SCALED_TOPIC = "workout.session-events";

    /** The namespace and pod labels of KEDA's operator as its Helm chart installs it (deploy/README.md). */
    static final String KEDA_NAMESPACE = "keda";

    static final Map<String, String> KEDA_OPERATOR = Map.of("app", "keda-operator");

    @Override
    public void check(Manifests manifests, Violations violations) {
        strimziApi(manifests, violations);
        replication(manifests, violations);
        manifests.ofKind("Kafka").forEach(kafka -> {
            version(kafka, violations);
            rack(kafka, violations);
            cruiseControl(kafka, violations);
        });
        manifests.ofKind("KafkaNodePool").forEach(pool -> spread(pool, violations));
        keda(manifests, violations);
    }

    private static void strimziApi(Manifests manifests, Violations violations) {
        manifests.objects().stream()
                .filter(o -> o.path("apiVersion").asText().startsWith("kafka.strimzi.io/"))
                .filter(o -> !STRIMZI_API.equals(o.path("apiVersion").asText()))
                .forEach(o -> violations.of(
                        o,
                        "is " + o.path("apiVersion").asText() + ", which Strimzi 1.0 no longer serves: use "
                                + STRIMZI_API + " (served by the Strimzi 0.51.0 CRDs)"));
    }

    private static void replication(Manifests manifests, Violations violations) {
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
            violations.of(
                    "Kafka needs at least 3 brokers and 3 controllers (has " + brokers + " and " + controllers + ")");
        }
        manifests.ofKind("KafkaTopic").forEach(topic -> {
            if (topic.path("spec").path("replicas").asInt() < 3) {
                violations.of(topic, "needs 3 replicas in prod");
            }
            if (topic.path("spec").path("config").path("min.insync.replicas").asInt() < 2) {
                violations.of(topic, "needs min.insync.replicas of at least 2 in prod (acks=all must mean two copies)");
            }
        });
    }

    private static void version(JsonNode kafka, Violations violations) {
        String version = kafka.path("spec").path("kafka").path("version").asText();
        if (!KAFKA_VERSIONS.contains(version)) {
            violations.of(
                    kafka,
                    "spec.kafka.version " + (version.isEmpty() ? "is unset" : version)
                            + ": Strimzi 0.51.0 runs " + new java.util.TreeSet<>(KAFKA_VERSIONS)
                            + " of the local stack's Kafka 4.1");
            return;
        }
        String metadata =
                kafka.path("spec").path("kafka").path("metadataVersion").asText();
        String minor = version.substring(0, version.lastIndexOf('.'));
        if (!metadata.startsWith(minor + "-")) {
            violations.of(
                    kafka,
                    "spec.kafka.metadataVersion " + metadata + " does not belong to Kafka " + version + " (use " + minor
                            + "-IVn)");
        }
    }

    private static void rack(JsonNode kafka, Violations violations) {
        String key = kafka.path("spec")
                .path("kafka")
                .path("rack")
                .path("topologyKey")
                .asText();
        if (!ZONE.equals(key)) {
            violations.of(
                    kafka,
                    "needs spec.kafka.rack.topologyKey: " + ZONE
                            + " in prod, so that a partition's replicas land in different zones (has "
                            + (key.isEmpty() ? "none" : key) + ")");
        }
    }

    private static void cruiseControl(JsonNode kafka, Violations violations) {
        JsonNode cruiseControl = kafka.path("spec").path("cruiseControl");
        if (!cruiseControl.isObject()) {
            violations.of(
                    kafka,
                    "needs spec.cruiseControl in prod: adding brokers (deploy/README.md, Scale out) moves no"
                            + " partition onto them without a rebalance");
            return;
        }
        List<String> modes = new ArrayList<>();
        cruiseControl
                .path("autoRebalance")
                .forEach(m -> modes.add(m.path("mode").asText()));
        for (String mode : List.of("add-brokers", "remove-brokers")) {
            if (!modes.contains(mode)) {
                violations.of(
                        kafka,
                        "spec.cruiseControl.autoRebalance needs mode " + mode
                                + ": scaling the brokers pool must move the partitions with it");
            }
        }
    }

    private static void spread(JsonNode pool, Violations violations) {
        Map<String, String> podLabels = new java.util.TreeMap<>(Map.of(
                "strimzi.io/cluster",
                pool.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                "strimzi.io/pool-name",
                name(pool)));
        JsonNode constraints = pool.path("spec").path("template").path("pod").path("topologySpreadConstraints");
        for (String key : List.of(ZONE, HOST)) {
            boolean spread = false;
            for (JsonNode constraint : constraints) {
                spread |= key.equals(constraint.path("topologyKey").asText())
                        && constraint.path("maxSkew").asInt(0) == 1
                        && constraint.has("labelSelector")
                        && NetworkPolicies.selects(constraint.path("labelSelector"), podLabels)
                        && !constraint.path("labelSelector").path("matchLabels").isEmpty();
            }
            if (!spread) {
                violations.of(
                        pool,
                        "needs a topologySpreadConstraint over " + key + " (maxSkew 1, selecting its pods "
                                + podLabels + ") in spec.template.pod: one lost "
                                + (key.equals(ZONE) ? "zone" : "node") + " could take several of its nodes");
            }
        }
    }

    private static void keda(Manifests manifests, Violations violations) {
        Optional<ObjectNode> deployment = manifests.find("Deployment", SCALED_SERVICE);
        if (deployment.isEmpty()) {
            return;
        }
        List<ObjectNode> scaledObjects = manifests
                .ofKind("ScaledObject")
                .filter(s -> SCALED_SERVICE.equals(
                        s.path("spec").path("scaleTargetRef").path("name").asText()))
                .toList();
        if (scaledObjects.isEmpty()) {
            violations.of(
                    deployment.get(),
                    "needs a KEDA ScaledObject with a kafka trigger on group " + SCALED_GROUP + " and topic "
                            + SCALED_TOPIC + " in prod: it scales on consumer lag, not CPU");
            return;
        }
        manifests
                .ofKind("HorizontalPodAutoscaler")
                .filter(h -> SCALED_SERVICE.equals(
                        h.path("spec").path("scaleTargetRef").path("name").asText()))
                .forEach(h -> violations.of(
                        h,
                        "scales " + SCALED_SERVICE + ", which KEDA's ScaledObject already scales (KEDA creates the"
                                + " HPA): remove it, or the two fight over the replicas"));
        for (ObjectNode scaled : scaledObjects) {
            JsonNode spec = scaled.path("spec");
            if (spec.path("minReplicaCount").asInt(0) < 2) {
                violations.of(scaled, "minReplicaCount must be at least 2 in prod");
            }
            int partitions = manifests
                    .ofKind("KafkaTopic")
                    .filter(t ->
                            SCALED_TOPIC.equals(t.path("spec").path("topicName").asText(name(t))))
                    .mapToInt(t -> t.path("spec").path("partitions").asInt())
                    .findFirst()
                    .orElse(0);
            int max = spec.path("maxReplicaCount").asInt(100);
            if (max > partitions) {
                violations.of(
                        scaled,
                        "maxReplicaCount " + max + " exceeds the " + partitions + " partitions of " + SCALED_TOPIC
                                + ": the extra consumers would idle");
            }
            List<JsonNode> triggers = new ArrayList<>();
            spec.path("triggers").forEach(t -> {
                if ("kafka".equals(t.path("type").asText())) {
                    triggers.add(t);
                }
            });
            if (triggers.isEmpty()) {
                violations.of(scaled, "needs a trigger of type kafka (consumer lag)");
            }
            for (JsonNode trigger : triggers) {
                kafkaTrigger(manifests, scaled, trigger, violations);
            }
        }
    }

    private static void kafkaTrigger(Manifests manifests, JsonNode scaled, JsonNode trigger, Violations violations) {
        JsonNode metadata = trigger.path("metadata");
        String group = metadata.path("consumerGroup").asText();
        String topic = metadata.path("topic").asText();
        if (!SCALED_GROUP.equals(group) || !SCALED_TOPIC.equals(topic)) {
            violations.of(
                    scaled,
                    "its kafka trigger watches group " + group + " on topic " + topic + ", but " + SCALED_SERVICE
                            + " consumes " + SCALED_TOPIC + " as group " + SCALED_GROUP);
        }
        if (metadata.path("lagThreshold").asText().isEmpty()) {
            violations.of(scaled, "its kafka trigger needs a lagThreshold (the lag one replica works off)");
        }
        String kafkaName =
                manifests.ofKind("Kafka").map(Manifests::name).findFirst().orElse("");
        String bootstrap = metadata.path("bootstrapServers").asText();
        if (!bootstrap.startsWith(kafkaName + "-kafka-bootstrap")) {
            violations.of(
                    scaled,
                    "its kafka trigger's bootstrapServers " + bootstrap + " is not the bootstrap Service of Kafka "
                            + kafkaName);
        }
        String authName = trigger.path("authenticationRef").path("name").asText();
        Optional<ObjectNode> auth = manifests.find("TriggerAuthentication", authName);
        if (auth.isEmpty()) {
            violations.of(
                    scaled,
                    "its kafka trigger's authenticationRef " + (authName.isEmpty() ? "is unset" : authName)
                            + " names no TriggerAuthentication: KEDA could not sign in to the TLS+SCRAM listener");
            return;
        }
        triggerAuthentication(manifests, auth.get(), kafkaName, violations);
        peers(manifests, violations);
    }

    /** SCRAM-SHA-512 over TLS as a KafkaUser allowed to describe the group and the topic, trusting the cluster CA. */
    private static void triggerAuthentication(
            Manifests manifests, JsonNode auth, String kafkaName, Violations violations) {
        java.util.Map<String, JsonNode> secretRefs = new java.util.HashMap<>();
        auth.path("spec")
                .path("secretTargetRef")
                .forEach(r -> secretRefs.put(r.path("parameter").asText(), r));
        java.util.Map<String, String> values = new java.util.HashMap<>();
        auth.path("spec")
                .path("configMapTargetRef")
                .forEach(r -> manifests
                        .find("ConfigMap", r.path("name").asText())
                        .map(c -> c.path("data").path(r.path("key").asText()))
                        .filter(JsonNode::isTextual)
                        .ifPresent(v -> values.put(r.path("parameter").asText(), v.asText())));
        if (!"scram_sha512".equals(values.get("sasl"))) {
            violations.of(auth, "needs sasl scram_sha512 (the listener's authentication), has " + values.get("sasl"));
        }
        if (!"enable".equals(values.get("tls"))) {
            violations.of(auth, "needs tls enable (the listener is TLS only), has " + values.get("tls"));
        }
        JsonNode ca = secretRefs.get("ca");
        if (ca == null
                || !(kafkaName + "-cluster-ca-cert").equals(ca.path("name").asText())) {
            violations.of(
                    auth,
                    "needs its ca from the Secret " + kafkaName + "-cluster-ca-cert (key ca.crt), which Strimzi"
                            + " writes and renews");
        }
        JsonNode password = secretRefs.get("password");
        String user = values.get("username");
        Optional<ObjectNode> kafkaUser = user == null ? Optional.empty() : manifests.find("KafkaUser", user);
        if (password == null
                || kafkaUser.isEmpty()
                || !user.equals(password.path("name").asText())
                || !"password".equals(password.path("key").asText())) {
            violations.of(
                    auth,
                    "needs username (a KafkaUser of the overlay) and password from that KafkaUser's Secret (key"
                            + " password); has username " + user + " and password "
                            + (password == null ? "none" : password.path("name").asText()));
            return;
        }
        for (String[] needed : List.of(new String[] {"group", SCALED_GROUP}, new String[] {"topic", SCALED_TOPIC})) {
            boolean granted = false;
            for (JsonNode acl :
                    kafkaUser.get().path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                boolean sameResource = needed[0].equals(resource.path("type").asText())
                        && needed[1].equals(resource.path("name").asText())
                        && "literal".equals(resource.path("patternType").asText("literal"));
                for (JsonNode operation : acl.path("operations")) {
                    granted |= sameResource && Set.of("Describe", "Read", "All").contains(operation.asText());
                }
            }
            if (!granted) {
                violations.of(
                        kafkaUser.get(),
                        "needs Describe on " + needed[0] + " " + needed[1] + ": KEDA reads that lag as this user");
            }
        }
    }

    /** The Kafka listener KEDA connects to admits KEDA's operator pods (Strimzi writes the NetworkPolicy). */
    private static void peers(Manifests manifests, Violations violations) {
        manifests.ofKind("Kafka").forEach(kafka -> {
            boolean admitted = false;
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                JsonNode peers = listener.path("networkPolicyPeers");
                if (peers.isMissingNode() || peers.isEmpty()) {
                    admitted = true;
                    continue;
                }
                for (JsonNode peer : peers) {
                    admitted |= peer.has("namespaceSelector")
                            && NetworkPolicies.selects(
                                    peer.path("namespaceSelector"),
                                    Map.of("kubernetes.io/metadata.name", KEDA_NAMESPACE))
                            && NetworkPolicies.selects(peer.path("podSelector"), KEDA_OPERATOR);
                }
            }
            if (!admitted) {
                violations.of(
                        kafka,
                        "no listener's networkPolicyPeers admit KEDA's operator (namespace " + KEDA_NAMESPACE
                                + ", pods " + KEDA_OPERATOR + "): it could not read the progress-service's lag");
            }
        });
    }
}
