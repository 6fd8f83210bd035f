package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.backcare.infra.KafkaBroker;
import org.backcare.infra.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay rendered with kustomize, checked against the schemas and the policies, and read for its numbers. */
class ManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectOfTheOverlayMatchesItsKubernetesOrOperatorSchema(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        List<SchemaValidation.Outcome> outcomes = Overlays.schemas().validate(List.of(Overlays.file(overlay)));

        assertThat(outcomes).hasSize(manifests.objects().size());
        assertThat(outcomes)
                .filteredOn(o -> !o.valid())
                .as("objects failing their schema")
                .isEmpty();
        Map<String, Long> kinds = outcomes.stream()
                .collect(Collectors.groupingBy(
                        o -> o.apiVersion() + " " + o.kind(), TreeMap::new, Collectors.counting()));
        System.out.println(overlay + ": " + outcomes.size() + " objects valid: " + kinds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayKeepsEveryPolicy(String overlay) {
        assertThat(ManifestPolicies.check(Overlays.rendered(overlay))).isEmpty();
    }

    @Test
    void prodRunsEverythingReplicatedWithoutDemoUsers() {
        Manifests prod = Overlays.rendered("prod");

        assertThat(prod.serviceDeployments()
                        .map(d -> d.path("spec").path("replicas").asInt()))
                .containsOnly(2);
        assertThat(prod.ofKind("HorizontalPodAutoscaler")
                        .collect(Collectors.toMap(
                                Manifests::name,
                                h -> h.path("spec").path("maxReplicas").asInt())))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("catalog-service", 4, "session-service", 6, "progress-service", 6));
        assertThat(prod.ofKind("PodDisruptionBudget")).hasSize(3);
        assertThat(prod.ofKind("NetworkPolicy").map(Manifests::name))
                .contains("services-default-deny", "catalog-db", "session-db", "progress-db", "keycloak-db");
        assertThat(prod.ofKind("KafkaNodePool")
                        .collect(Collectors.toMap(
                                Manifests::name,
                                p -> p.path("spec").path("replicas").asInt())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("controllers", 3, "brokers", 3));
        assertThat(prod.ofKind("Cluster")
                        .map(c -> c.path("spec").path("instances").asInt()))
                .hasSize(4)
                .containsOnly(3);
        ObjectNode realmImport =
                prod.find("KeycloakRealmImport", "workout-tracker").orElseThrow();
        assertThat(realmImport.path("spec").path("realm").has("users")).isFalse();
        assertThat(realmImport.toString()).doesNotContain("localhost", "\"credentials\"");
        assertThat(prod.find("Namespace", "backcare")).isPresent();
        assertThat(prod.objects())
                .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText("backcare"))
                        .isEqualTo("backcare"));
    }

    @Test
    void devRunsOneOfEverythingWithTheDemoRealm() {
        Manifests dev = Overlays.rendered("dev");

        assertThat(dev.serviceDeployments()
                        .map(d -> d.path("spec").path("replicas").asInt()))
                .containsOnly(1);
        assertThat(dev.ofKind("KafkaNodePool")).singleElement().satisfies(pool -> {
            assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(1);
            assertThat(pool.path("spec").path("roles").toString()).contains("controller", "broker");
        });
        assertThat(dev.ofKind("KafkaTopic")
                        .map(t -> t.path("spec").path("replicas").asInt()))
                .containsOnly(1);
        assertThat(dev.ofKind("Cluster")
                        .map(c -> c.path("spec").path("instances").asInt()))
                .containsOnly(1);
        JsonNode realm = dev.find("KeycloakRealmImport", "workout-tracker")
                .orElseThrow()
                .path("spec")
                .path("realm");
        assertThat(realm.path("users").findValuesAsText("username")).containsExactly("alice", "bob", "carol", "admin");
        assertThat(realm.path("clients")
                        .get(0)
                        .path("directAccessGrantsEnabled")
                        .asBoolean())
                .isTrue();
        assertThat(dev.ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void theTopicsAreTheOnesTheLocalStackCreates() {
        Manifests prod = Overlays.rendered("prod");

        for (KafkaBroker.TopicSpec spec : Topics.ALL) {
            JsonNode topic = prod.ofKind("KafkaTopic")
                    .filter(t ->
                            spec.name().equals(t.path("spec").path("topicName").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + spec.name()));
            assertThat(topic.path("spec").path("partitions").asInt())
                    .as(spec.name())
                    .isEqualTo(spec.partitions());
            spec.configs()
                    .forEach((key, value) -> assertThat(
                                    topic.path("spec").path("config").path(key).asText())
                            .as(spec.name() + " " + key)
                            .isEqualTo(value));
            assertThat(ManifestPolicies.TOPICS).containsEntry(spec.name(), spec.partitions());
        }
    }
}
