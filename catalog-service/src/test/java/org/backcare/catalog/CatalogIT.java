package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.KafkaResource;
import org.backcare.infra.quarkus.KafkaTestClients;
import org.backcare.infra.quarkus.KeycloakResource;
import org.backcare.infra.quarkus.PostgresResource;
import org.backcare.infra.quarkus.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged catalog-service against real PostgreSQL, Kafka and Keycloak. */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "catalog_it"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class CatalogIT {

    static final List<String> SHIPPED_ROUTINES = List.of(
            "7a2e3c4d-0b02-4f60-9b20-000000000001",
            "7a2e3c4d-0b02-4f60-9b20-000000000002",
            "7a2e3c4d-0b02-4f60-9b20-000000000003");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theMigratedCatalogServesTheArticlesExercises() {
        given().get("/exercises/ear-to-shoulder")
                .then()
                .statusCode(200)
                .body("sided", equalTo(true))
                .body("safetyCues", hasItem(containsString("Never strain")));
    }

    @Test
    void theWholePublishedCatalogIsOnTheTopicAfterTheFirstStart() {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("catalog.exercises"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return keys.size() >= 16;
            });
        }
        assertThat(keys).contains("6f1d2c3b-0a01-4e5f-8a10-000000000001", "6f1d2c3b-0a01-4e5f-8a10-000000000016");
    }

    @Test
    void theThreeShippedRoutinesAreOnTheirTopicWithTheirWeeklyTargetsAfterTheFirstStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> routines = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("catalog.routines"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    routines.put(record.key(), json.readTree(record.value()));
                }
                return routines.keySet().containsAll(SHIPPED_ROUTINES);
            });
        }
        assertThat(routines.values()).allSatisfy(event -> {
            assertThat(event.get("type").asText()).isEqualTo("catalog.routine.upserted.v1");
            assertThat(event.at("/data/routineId").asText())
                    .isEqualTo(event.get("subject").asText());
        });
        assertThat(SHIPPED_ROUTINES)
                .extracting(
                        id -> routines.get(id).at("/data/routine/weeklyTarget").asInt())
                .containsExactly(5, 3, 3);
        assertThat(routines.get(SHIPPED_ROUTINES.get(0))
                        .at("/data/routine/slug")
                        .asText())
                .isEqualTo("neck-and-shoulder-starter");
        assertThat(routines.get(SHIPPED_ROUTINES.get(0))
                        .at("/data/routine/entries")
                        .size())
                .isEqualTo(4);
    }

    @Test
    void anAdminsUpdateReachesTheTopicKeyedByTheExerciseWithTheWholeExercise() throws Exception {
        String admin = SharedInfrastructure.keycloak().accessToken("admin", "admin");
        String id = "6f1d2c3b-0a01-4e5f-8a10-000000000007";
        var current = given().get("/exercises/{id}", id).then().statusCode(200).extract();
        Map<String, Object> body = new HashMap<>(current.jsonPath().getMap(""));
        body.remove("id");
        body.remove("version");
        body.put("summary", "Kneel, sit back toward your heels and rest: the back and shoulders lengthen.");
        String etag = current.header("ETag");
        int version = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(body)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path("version");

        JsonNode event = null;
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("catalog.exercises"));
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(id) && record.value().contains("\"version\":" + version + "}")) {
                        mine.add(record);
                    }
                });
                return !mine.isEmpty();
            });
            event = new ObjectMapper().readTree(mine.get(0).value());
        }
        assertThat(event.get("type").asText()).isEqualTo("catalog.exercise.upserted.v1");
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(event.at("/data/exerciseId").asText()).isEqualTo(id);
        assertThat(event.at("/data/exercise/slug").asText()).isEqualTo("childs-pose");
        assertThat(event.at("/data/exercise/summary").asText()).startsWith("Kneel, sit back");
        assertThat(event.at("/data/exercise/prescription/holdSeconds").asInt()).isEqualTo(30);
        assertThat(event.at("/data/exercise/version").asInt()).isEqualTo(version);

        given().auth()
                .oauth2(SharedInfrastructure.keycloak().accessToken("alice", "alice"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"")
                .body(body)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(403);
    }

    @Test
    void readinessCoversTheDatabaseAndTheOutboxBacklog() {
        // Kafka shows as the outbox's backlog: a broker outage does not take the catalog out of service
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.pending", greaterThanOrEqualTo(0));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("outbox_pending"));
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Back-care catalog API"));
    }
}
