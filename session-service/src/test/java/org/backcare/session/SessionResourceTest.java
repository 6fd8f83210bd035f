package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SessionTestResources
class SessionResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void clearSink() {
        connector.sink("outbox").clear();
    }

    @Test
    void aRecordedHoldIsStoredAndItsEventCarriesTheExerciseSnapshotKeyedByUser() throws Exception {
        UUID session = startSession(TestTokens.ALICE);

        String setId = as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.CHIN_TO_CHEST, "holdSeconds", 30, "pain", 1))
                .when()
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .body("holdSeconds", equalTo(30))
                .extract()
                .path("id");

        as(TestTokens.ALICE)
                .when()
                .get("/sessions/{id}", session)
                .then()
                .statusCode(200)
                .body("userId", equalTo(TestTokens.ALICE))
                .body("sets", hasSize(1))
                .body("sets.id", hasItem(setId));

        InMemorySink<String> sink = connector.sink("outbox");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> sink.received().size() >= 2);
        var recorded = sink.received().stream()
                .filter(m -> m.getPayload().contains("workout.set.recorded.v1"))
                .findFirst()
                .orElseThrow();
        JsonNode event = json.readTree(recorded.getPayload());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("subject").asText()).isEqualTo(TestTokens.ALICE);
        assertThat(event.at("/data/setId").asText()).isEqualTo(setId);
        assertThat(event.at("/data/holdSeconds").asInt()).isEqualTo(30);
        assertThat(event.at("/data/exercise/slug").asText()).isEqualTo("chin-to-chest");
        assertThat(event.at("/data/exercise/regions/0").asText()).isEqualTo("NECK");
        var metadata = recorded.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(metadata.getKey()).isEqualTo(TestTokens.ALICE);
        assertThat(metadata.getTopic()).isEqualTo("workout.session-events");
    }

    @Test
    void startingTheSameSessionTwiceAnswersTheSameSessionOnce() {
        UUID id = UUID.randomUUID();
        var body = Map.of("id", id, "timeZone", "Europe/Berlin");
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(201);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(200)
                .body("id", equalTo(id.toString()));
    }

    @Test
    void anotherUsersSessionAnswers404() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.BOB)
                .when()
                .get("/sessions/{id}", session)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.BOB)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.CHIN_TO_CHEST, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(404);
    }

    @Test
    void noTokenAnswers401AndABadTokenToo() {
        given().when().get("/sessions/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth()
                .oauth2("not-a-jwt")
                .when()
                .get("/sessions/{id}", UUID.randomUUID())
                .then()
                .statusCode(401);
    }

    @Test
    void malformedJsonAnswers400ProblemJson() {
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body("{\"id\": ")
                .post("/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void repsOnAHoldExerciseAnswers400NamingTheField() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.CHIN_TO_CHEST, "reps", 10))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("reps"))
                .body("violations.field", hasItem("holdSeconds"));
    }

    @Test
    void aSidedExerciseWithoutASideAnswers400() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.EAR_TO_SHOULDER, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("side"));
    }

    @Test
    void aHoldOutOfRangeAnswers400AndNothingIsWritten() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.CHIN_TO_CHEST, "holdSeconds", 601))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("holdSeconds"));
        as(TestTokens.ALICE)
                .get("/sessions/{id}", session)
                .then()
                .statusCode(200)
                .body("sets", hasSize(0));
    }

    @Test
    void aSetWithoutABodyOrWithSeveralBadFieldsAnswers400NamingEachAndNothingIsWritten() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body("null")
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("request"))
                .body("violations[0].message", equalTo("must not be null"));
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("holdSeconds", 0, "pain", 11, "targetReps", 201))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("exerciseId", "holdSeconds", "pain", "targetReps"))
                .body(
                        "violations.message",
                        contains(
                                "must not be null",
                                "must be greater than or equal to 1",
                                "must be less than or equal to 10",
                                "must be less than or equal to 200"));
        as(TestTokens.ALICE)
                .get("/sessions/{id}", session)
                .then()
                .statusCode(200)
                .body("sets", hasSize(0));
    }

    @Test
    void anUnknownExerciseAnswers422() {
        UUID session = startSession(TestTokens.ALICE);
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", UUID.randomUUID(), "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(422)
                .body("violations[0].field", equalTo("exerciseId"));
    }

    @Test
    void anUnknownTimeZoneAnswers400() {
        as(TestTokens.ALICE)
                .contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "timeZone", "Mars/Olympus"))
                .post("/sessions")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("timeZone"));
    }

    private static UUID startSession(String user) {
        UUID id = UUID.randomUUID();
        as(user).contentType(ContentType.JSON)
                .body(Map.of("id", id, "timeZone", "Europe/Berlin", "painBefore", 2))
                .post("/sessions")
                .then()
                .statusCode(201);
        return id;
    }
}
