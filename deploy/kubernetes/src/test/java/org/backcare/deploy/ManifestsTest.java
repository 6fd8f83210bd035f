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

        assertThat(prod.workloadDeployments().map(Manifests::name))
                .containsExactlyInAnyOrder("catalog-service", "session-service", "progress-service", "web-app");
        assertThat(prod.workloadDeployments()
                        .map(d -> d.path("spec").path("replicas").asInt()))
                .containsOnly(2);
        assertThat(prod.ofKind("HorizontalPodAutoscaler")
                        .collect(Collectors.toMap(
                                Manifests::name,
                                h -> h.path("spec").path("maxReplicas").asInt())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("catalog-service", 4, "session-service", 6, "web-app", 4));
        // the progress-service: KEDA's ScaledObject on consumer lag (KafkaRulesTest)
        assertThat(prod.find("ScaledObject", "progress-service")).isPresent();
        assertThat(prod.ofKind("PodDisruptionBudget")).hasSize(5); // the services, the web app, Keycloak
        assertThat(prod.ofKind("NetworkPolicy").map(Manifests::name))
                .contains(
                        "services-default-deny",
                        "web-default-deny",
                        "web-app",
                        "catalog-db",
                        "session-db",
                        "progress-db",
                        "keycloak-db");
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

        assertThat(dev.workloadDeployments().map(Manifests::name))
                .containsExactlyInAnyOrder("catalog-service", "session-service", "progress-service", "web-app");
        assertThat(dev.workloadDeployments()
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
        assertThat(dev.ofKind("Ingress")).isEmpty();
        assertThat(dev.ofKind("HTTPRoute")).isEmpty();
    }

    @Test
    void theWebAppSignsPeopleInAtItsOwnHostAndForwardsToTheServices() {
        Manifests prod = Overlays.rendered("prod");
        JsonNode web = prod.find("Deployment", "web-app").orElseThrow();

        assertThat(ManifestPolicies.env(web, "BACKCARE_WEB_SERVICES_CATALOG")).contains("http://catalog-service:8081");
        assertThat(ManifestPolicies.env(web, "BACKCARE_WEB_SERVICES_SESSION")).contains("http://session-service:8082");
        assertThat(ManifestPolicies.env(web, "BACKCARE_WEB_SERVICES_PROGRESS"))
                .contains("http://progress-service:8083");
        assertThat(ManifestPolicies.env(web, "BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN"))
                .contains("https://auth.backcare.example.org");
        assertThat(ManifestPolicies.env(web, "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE"))
                .contains("true");
        JsonNode container = web.at("/spec/template/spec/containers/0");
        assertThat(container.path("envFrom").findValuesAsText("name"))
                .singleElement()
                .asString()
                .startsWith("backcare-common-");
        // the session cookies' key: the progress-service's Secret and key, optional as there (deploy/README.md)
        assertThat(sessionSecret(web))
                .isEqualTo(sessionSecret(
                        prod.find("Deployment", "progress-service").orElseThrow()));
        assertThat(sessionSecret(web).path("name").asText()).isEqualTo("backcare-web-session");
        // no database and no Kafka: none of their Secrets, not the Kafka CA, not the Kafka listener's peers
        assertThat(web.toString()).doesNotContain("-db-app", "sasl.jaas.config", "kafka-cluster-ca");
        assertThat(prod.find("Kafka", "backcare-kafka").orElseThrow().toString())
                .doesNotContain("web-app", "\"web\"");

        JsonNode route = prod.find("HTTPRoute", "backcare-web").orElseThrow();
        assertThat(route.at("/spec/hostnames/0").asText()).isEqualTo("app.backcare.example.org");
        assertThat(route.at("/spec/rules/0/matches/0/path/value").asText()).isEqualTo("/");
        assertThat(route.at("/spec/rules/0/backendRefs/0/name").asText()).isEqualTo("web-app");
        assertThat(route.at("/spec/parentRefs/0/sectionName").asText()).isEqualTo("https-app");
        assertThat(prod.find("Gateway", "backcare").orElseThrow().toString())
                .contains("app.backcare.example.org", "backcare-app-tls");
        JsonNode client = prod.find("KeycloakRealmImport", "workout-tracker")
                .orElseThrow()
                .at("/spec/realm/clients/0");
        assertThat(client.path("redirectUris").toString()).contains("https://app.backcare.example.org/*");
        assertThat(client.path("webOrigins").toString()).contains("https://app.backcare.example.org");

        JsonNode dev = Overlays.rendered("dev").find("Deployment", "web-app").orElseThrow();
        assertThat(ManifestPolicies.env(dev, "BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN"))
                .contains("http://localhost:8180");
        assertThat(ManifestPolicies.env(dev, "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE"))
                .isEmpty();
        assertThat(Overlays.rendered("dev")
                        .find("KeycloakRealmImport", "workout-tracker")
                        .orElseThrow()
                        .at("/spec/realm/clients/0/redirectUris")
                        .toString())
                .contains("http://localhost:8080/*");
    }

    private static JsonNode sessionSecret(JsonNode deployment) {
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("BACKCARE_WEB_SESSION_SECRET")) {
                return env.at("/valueFrom/secretKeyRef");
            }
        }
        throw new AssertionError(Manifests.name(deployment) + " does not read BACKCARE_WEB_SESSION_SECRET");
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

    @Test
    void anErasedPersonsEventsLeaveEveryTopicWithinThirtyDays() {
        Manifests prod = Overlays.rendered("prod");
        long thirtyDays = 30L * 24 * 60 * 60 * 1000;
        for (KafkaBroker.TopicSpec spec : List.of(Topics.SESSIONS, Topics.DLQ)) {
            JsonNode config = prod.ofKind("KafkaTopic")
                    .filter(t ->
                            spec.name().equals(t.path("spec").path("topicName").asText()))
                    .findFirst()
                    .orElseThrow()
                    .path("spec")
                    .path("config");
            assertThat(config.path("cleanup.policy").asText()).as(spec.name()).isEqualTo("delete");
            long retention = config.path("retention.ms").asLong();
            long segment = config.path("segment.ms").asLong();
            // a segment is deleted once its newest record is older than the retention
            assertThat(retention).as(spec.name() + " retention.ms").isPositive();
            assertThat(segment).as(spec.name() + " segment.ms").isPositive();
            assertThat(retention + segment).as(spec.name()).isLessThanOrEqualTo(thirtyDays);
        }
    }

    @Test
    void prodPodsBelieveForwardedHeadersOnlyFromTheTrustedProxies() {
        Manifests prod = Overlays.rendered("prod");
        JsonNode common = prod.ofKind("ConfigMap")
                .filter(c -> Manifests.name(c).startsWith("backcare-common"))
                .findFirst()
                .orElseThrow();
        // without it the pods ignore the ingress's X-Forwarded-Proto: http redirect URIs, no HSTS
        String trusted = common.path("data").path("BACKCARE_TRUSTED_PROXIES").asText();
        assertThat(TrustedProxiesTest.entries(trusted))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(TrustedProxiesTest.isAddressOrCidr(entry))
                        .as("BACKCARE_TRUSTED_PROXIES: '%s' is not an IPv4 address or a CIDR", entry)
                        .isTrue());
    }
}
