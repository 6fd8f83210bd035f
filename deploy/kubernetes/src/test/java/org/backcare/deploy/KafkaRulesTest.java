package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each of KafkaRules' rules fails on the rendered prod overlay with one thing broken, and says what and where. */
class KafkaRulesTest {

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    private static ObjectNode kafka(Manifests m) {
        return m.find("Kafka", "backcare-kafka").orElseThrow();
    }

    private static ObjectNode spec(Manifests m, String kind, String name) {
        return (ObjectNode) m.find(kind, name).orElseThrow().get("spec");
    }

    @Test
    void theRenderedProdOverlayKeepsEveryKafkaRule() {
        java.util.List<String> found = new java.util.ArrayList<>();
        new KafkaRules().check(Overlays.rendered("prod"), new Violations("prod", found));
        assertThat(found).isEmpty();
    }

    @Test
    void aStrimziObjectOnTheBetaApiIsNamed() {
        assertThat(violationsAfter(m -> m.find("KafkaTopic", "catalog-routines")
                        .orElseThrow()
                        .put("apiVersion", "kafka.strimzi.io/v1beta2")))
                .isEqualTo("prod: KafkaTopic catalog-routines: is kafka.strimzi.io/v1beta2, which Strimzi 1.0 no longer"
                        + " serves: use kafka.strimzi.io/v1 (served by the Strimzi 0.51.0 CRDs)");
    }

    @Test
    void aKafkaVersionStrimziDoesNotRunIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) kafka(m).at("/spec/kafka")).put("version", "4.1.2")))
                .isEqualTo("prod: Kafka backcare-kafka: spec.kafka.version 4.1.2: Strimzi 0.51.0 runs [4.1.0, 4.1.1]"
                        + " of the local stack's Kafka 4.1");
        assertThat(violationsAfter(m -> ((ObjectNode) kafka(m).at("/spec/kafka")).put("metadataVersion", "4.0-IV3")))
                .isEqualTo("prod: Kafka backcare-kafka: spec.kafka.metadataVersion 4.0-IV3 does not belong to Kafka"
                        + " 4.1.1 (use 4.1-IVn)");
    }

    @Test
    void tooFewBrokersOrUnderReplicatedTopicsAreNamed() {
        assertThat(violationsAfter(m -> spec(m, "KafkaNodePool", "brokers").put("replicas", 2)))
                .isEqualTo("prod: Kafka needs at least 3 brokers and 3 controllers (has 2 and 3)");
        assertThat(violationsAfter(m -> ((ObjectNode)
                                spec(m, "KafkaTopic", "workout-session-events").get("config"))
                        .put("min.insync.replicas", 1)))
                .isEqualTo("prod: KafkaTopic workout-session-events: needs min.insync.replicas of at least 2 in prod"
                        + " (acks=all must mean two copies)");
    }

    @Test
    void aKafkaWithoutRackAwarenessIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) kafka(m).at("/spec/kafka")).remove("rack")))
                .isEqualTo("prod: Kafka backcare-kafka: needs spec.kafka.rack.topologyKey: topology.kubernetes.io/zone"
                        + " in prod, so that a partition's replicas land in different zones (has none)");
    }

    @Test
    void aNodePoolNotSpreadOverZonesIsNamed() {
        assertThat(violationsAfter(m -> ((ArrayNode)
                                spec(m, "KafkaNodePool", "brokers").at("/template/pod/topologySpreadConstraints"))
                        .remove(0)))
                .isEqualTo("prod: KafkaNodePool brokers: needs a topologySpreadConstraint over"
                        + " topology.kubernetes.io/zone (maxSkew 1, selecting its pods {strimzi.io/cluster=backcare-kafka,"
                        + " strimzi.io/pool-name=brokers}) in spec.template.pod: one lost zone could take several of"
                        + " its nodes");
    }

    @Test
    void aNodePoolSpreadOverTheWrongPodsIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) spec(m, "KafkaNodePool", "controllers")
                                .at("/template/pod/topologySpreadConstraints/1/labelSelector/matchLabels"))
                        .put("strimzi.io/pool-name", "brokers")))
                .contains("prod: KafkaNodePool controllers: needs a topologySpreadConstraint over"
                        + " kubernetes.io/hostname")
                .contains("one lost node could take several of its nodes");
    }

    @Test
    void aKafkaWithoutCruiseControlOrItsAutoRebalanceIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) kafka(m).get("spec")).remove("cruiseControl")))
                .isEqualTo("prod: Kafka backcare-kafka: needs spec.cruiseControl in prod: adding brokers"
                        + " (deploy/README.md, Scale out) moves no partition onto them without a rebalance");
        assertThat(violationsAfter(m -> ((ArrayNode) kafka(m).at("/spec/cruiseControl/autoRebalance")).remove(1)))
                .isEqualTo("prod: Kafka backcare-kafka: spec.cruiseControl.autoRebalance needs mode remove-brokers:"
                        + " scaling the brokers pool must move the partitions with it");
    }

    @Test
    void theProgressServiceWithoutItsScaledObjectIsNamed() {
        assertThat(violationsAfter(m ->
                        m.find("ScaledObject", "progress-service").orElseThrow().put("kind", "Removed")))
                .contains("prod: Deployment progress-service: needs a HorizontalPodAutoscaler (or a KEDA"
                        + " ScaledObject) in prod")
                .contains("prod: Deployment progress-service: needs a KEDA ScaledObject with a kafka trigger on group"
                        + " progress-service and topic workout.session-events in prod: it scales on consumer lag, not"
                        + " CPU");
    }

    @Test
    void moreProgressReplicasThanPartitionsAreNamed() {
        assertThat(violationsAfter(
                        m -> spec(m, "ScaledObject", "progress-service").put("maxReplicaCount", 8)))
                .isEqualTo("prod: ScaledObject progress-service: maxReplicaCount 8 exceeds the 6 partitions of"
                        + " workout.session-events: the extra consumers would idle");
    }

    @Test
    void aTriggerOnAnotherGroupIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                spec(m, "ScaledObject", "progress-service").at("/triggers/0/metadata"))
                        .put("consumerGroup", "progress-service-catalog")))
                .isEqualTo("prod: ScaledObject progress-service: its kafka trigger watches group"
                        + " progress-service-catalog on topic workout.session-events, but progress-service consumes"
                        + " workout.session-events as group progress-service");
    }

    @Test
    void aHandWrittenHpaBesideKedaIsNamed() {
        Manifests prod = Overlays.rendered("prod").copy();
        ObjectNode hpa = prod.find("HorizontalPodAutoscaler", "session-service")
                .orElseThrow()
                .deepCopy();
        ((ObjectNode) hpa.get("metadata")).put("name", "progress-service");
        ((ObjectNode) hpa.at("/spec/scaleTargetRef")).put("name", "progress-service");

        assertThat(String.join("\n", ManifestPolicies.check(prod.with(hpa))))
                .isEqualTo("prod: HorizontalPodAutoscaler progress-service: scales progress-service, which KEDA's"
                        + " ScaledObject already scales (KEDA creates the HPA): remove it, or the two fight over the"
                        + " replicas");
    }

    @Test
    void kedaWithoutTheClusterCaOrTheSaslSettingsIsNamed() {
        assertThat(violationsAfter(m -> ((ArrayNode)
                                spec(m, "TriggerAuthentication", "keda-kafka").get("secretTargetRef"))
                        .remove(1)))
                .isEqualTo("prod: TriggerAuthentication keda-kafka: needs its ca from the Secret"
                        + " backcare-kafka-cluster-ca-cert (key ca.crt), which Strimzi writes and renews");
        assertThat(violationsAfter(m -> ((ObjectNode)
                                m.find("ConfigMap", "keda-kafka").orElseThrow().get("data"))
                        .put("sasl", "plaintext")))
                .isEqualTo("prod: TriggerAuthentication keda-kafka: needs sasl scram_sha512 (the listener's"
                        + " authentication), has plaintext");
    }

    @Test
    void aKedaUserThatMayNotDescribeTheGroupIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ArrayNode) spec(m, "KafkaUser", "keda").at("/authorization/acls")).remove(1)))
                .isEqualTo("prod: KafkaUser keda: needs Describe on group progress-service: KEDA reads that lag as"
                        + " this user");
    }

    @Test
    void aListenerThatShutsKedaOutIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ArrayNode) kafka(m).at("/spec/kafka/listeners/0/networkPolicyPeers")).remove(1)))
                .isEqualTo("prod: Kafka backcare-kafka: no listener's networkPolicyPeers admit KEDA's operator"
                        + " (namespace keda, pods {app=keda-operator}): it could not read the progress-service's lag");
    }
}
