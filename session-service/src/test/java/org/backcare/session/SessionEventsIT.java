package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** The packaged session-service with real PostgreSQL, Kafka and Keycloak tokens. */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "session_it"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CatalogStubResource.class, restrictToAnnotatedClass = true)
class SessionEventsIT {

    private static final String ALICE = org.backcare.infra.quarkus.TestTokens.ALICE;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aHoldRecordedWithARealTokenReachesTheTopicKeyedByTheUser() throws Exception {
        String token = SharedInfrastructure.keycloak().accessToken("alice", "alice");
        UUID session = UUID.randomUUID();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "Europe/Berlin"))
                .post("/sessions")
                .then()
                .statusCode(201);
        String setId = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", "6f1d2c3b-0a01-4e5f-8a10-000000000001", "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().contains(session.toString())) {
                        mine.add(record);
                    }
                });
                return mine.size() >= 2;
            });
        }
        assertThat(mine).allSatisfy(record -> assertThat(record.key()).isEqualTo(ALICE));
        JsonNode started = json.readTree(mine.get(0).value());
        JsonNode recorded = json.readTree(mine.get(1).value());
        assertThat(started.get("type").asText()).isEqualTo("workout.session.started.v1");
        assertThat(recorded.get("type").asText()).isEqualTo("workout.set.recorded.v1");
        assertThat(recorded.at("/data/setId").asText()).isEqualTo(setId);
        assertThat(recorded.at("/data/exercise/name").asText()).isEqualTo("Chin to chest");
        assertThat(new String(mine.get(1).headers().lastHeader("ce_type").value()))
                .isEqualTo("workout.set.recorded.v1");
    }

    @Test
    void anExercisePublishedOnTheCatalogTopicIsRecordableThoughTheCatalogDoesNotKnowIt() throws Exception {
        UUID exercise = UUID.randomUUID();
        String upserted = """
                {"specversion":"1.0","id":"%s","source":"/catalog-service","type":"catalog.exercise.upserted.v1",
                 "subject":"%s","data":{"id":"%s","exerciseId":"%s","version":1,
                 "exercise":{"id":"%s","slug":"wall-angel","name":"Wall angel","summary":"s","instructions":["i"],
                             "kind":"MOBILITY","regions":["UPPER_BACK"],"measurement":"REPS","sided":false,
                             "prescription":{"holdSeconds":null,"repsMin":5,"repsMax":10,"sets":1},
                             "prescriptionNote":null,"safetyCues":["Never strain or cause pain."],
                             "status":"PUBLISHED","version":1}}}
                """.formatted(UUID.randomUUID(), exercise, UUID.randomUUID(), exercise, exercise);
        try (var producer = KafkaTestClients.producer()) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            "catalog.exercises", exercise.toString(), upserted))
                    .get();
        }
        String token = SharedInfrastructure.keycloak().accessToken("bob", "bob");
        UUID session = UUID.randomUUID();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "America/New_York"))
                .post("/sessions")
                .then()
                .statusCode(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("exerciseId", exercise, "reps", 8))
                        .post("/sessions/{id}/sets", session)
                        .then()
                        .statusCode(201));
    }

    @Test
    void aCorrectionACompletionAndAnImportReachTheTopicInOrder() throws Exception {
        String token = SharedInfrastructure.keycloak().accessToken("carol", "carol");
        given().auth().oauth2(token).get("/sessions").then().statusCode(403);
        String alice = SharedInfrastructure.keycloak().accessToken("alice", "alice");
        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "Europe/Berlin", "startedAt", start.toString()))
                .post("/sessions")
                .then()
                .statusCode(201);
        String set = given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CatalogStubResource.CHIN_TO_CHEST_ID, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(alice)
                .delete("/sessions/{id}/sets/{set}", session, set)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200);
        UUID imported = UUID.randomUUID();
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "sessions",
                        List.of(Map.of(
                                "id",
                                imported,
                                "startedAt",
                                start.minusDays(1).toString(),
                                "endedAt",
                                start.minusDays(1).plusMinutes(5).toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "sets",
                                List.of(Map.of(
                                        "exerciseId",
                                        CatalogStubResource.CHIN_TO_CHEST_ID,
                                        "holdSeconds",
                                        25,
                                        "recordedAt",
                                        start.minusDays(1).plusMinutes(1).toString()))))))
                .post("/sessions/import")
                .then()
                .statusCode(200)
                .body("imported", org.hamcrest.Matchers.equalTo(1));

        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(session.toString())
                            || record.value().contains(imported.toString())) {
                        assertThat(record.key()).isEqualTo(ALICE);
                        types.add(json.readTree(record.value()).get("type").asText());
                    }
                }
                return types.size() >= 7;
            });
        }
        assertThat(types)
                .containsExactly(
                        "workout.session.started.v1",
                        "workout.set.recorded.v1",
                        "workout.set.deleted.v1",
                        "workout.session.completed.v1",
                        "workout.session.started.v1",
                        "workout.set.recorded.v1",
                        "workout.session.completed.v1");
    }

    @Test
    void anErasureReachesTheTopicKeyedByTheUserAsTheirLastEvent() throws Exception {
        String bob = SharedInfrastructure.keycloak().accessToken("bob", "bob");
        String bobId = org.backcare.infra.quarkus.TestTokens.BOB;
        UUID session = UUID.randomUUID();
        given().auth()
                .oauth2(bob)
                .contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "America/New_York"))
                .post("/sessions")
                .then()
                .statusCode(201);
        String erasedAt = given().auth()
                .oauth2(bob)
                .delete("/me")
                .then()
                .statusCode(202)
                .extract()
                .path("erasedAt");

        List<ConsumerRecord<String, String>> erasures = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.headers().lastHeader("ce_type").value()).equals("workout.user.erased.v1")
                            && json.readTree(record.value())
                                    .at("/data/occurredAt")
                                    .asText()
                                    .equals(erasedAt)) {
                        erasures.add(record);
                    }
                }
                return !erasures.isEmpty();
            });
        }
        assertThat(erasures).hasSize(1);
        assertThat(erasures.get(0).key()).isEqualTo(bobId);
        assertThat(json.readTree(erasures.get(0).value()).at("/data/userId").asText())
                .isEqualTo(bobId);
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() {
        given().get("/sessions/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth()
                .oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
                .get("/sessions/{id}", UUID.randomUUID())
                .then()
                .statusCode(401);
    }
}
