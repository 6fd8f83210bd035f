package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing, corrections, completion, offline import and Idempotency-Key. */
@QuarkusTest
@SessionTestResources
class SessionLifecycleTest {

    static final String CHIN = FixtureExerciseDirectory.CHIN_TO_CHEST.toString();
    static final String ROLLS = FixtureExerciseDirectory.SHOULDER_ROLLS.toString();

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aUserListsOnlyTheirOwnSessionsInTheAskedPeriod() {
        String user = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID old = start(user, now.minusDays(10));
        UUID recent = start(user, now.minusDays(1));
        start(UUID.randomUUID().toString(), now.minusDays(1));

        as(user).get("/sessions")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(recent.toString(), old.toString()));
        as(user).queryParam("from", now.minusDays(3).toLocalDate().toString())
                .get("/sessions")
                .then()
                .statusCode(200)
                .body("items.id", contains(recent.toString()));
        as(user).queryParam("to", now.minusDays(3).toString())
                .get("/sessions")
                .then()
                .statusCode(200)
                .body("items.id", contains(old.toString()));
        as(user).queryParam("from", "last tuesday")
                .get("/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void aDeletedSetLeavesTheSessionAndItsEventCarriesWhatToReverse() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        String setId = recordHold(user, session, 40);

        as(UUID.randomUUID().toString())
                .delete("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(404);
        as(user).delete("/sessions/{id}/sets/{set}", session, UUID.randomUUID())
                .then()
                .statusCode(404);
        as(user).delete("/sessions/{id}/sets/{set}", session, setId).then().statusCode(204);
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(0));

        JsonNode deleted = awaitEvent(user, "workout.set.deleted.v1");
        assertThat(deleted.at("/data/setId").asText()).isEqualTo(setId);
        assertThat(deleted.at("/data/holdSeconds").asInt()).isEqualTo(40);
        assertThat(deleted.at("/data/exercise/slug").asText()).isEqualTo("chin-to-chest");
        assertThat(deleted.at("/data/timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aCompletedSessionCarriesItsSummaryAndTakesNoNewSets() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20));
        String setId = recordHold(user, session, 30);
        recordHold(user, session, 35);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", ROLLS, "reps", 8))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);

        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1, "notes", "neck feels looser"))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("painAfter", equalTo(1))
                .body("endedAt", notNullValue());

        JsonNode completed = awaitEvent(user, "workout.session.completed.v1");
        assertThat(completed.at("/data/summary/sets").asInt()).isEqualTo(3);
        assertThat(completed.at("/data/summary/holdSeconds").asInt()).isEqualTo(65);
        assertThat(completed.at("/data/summary/reps").asInt()).isEqualTo(8);
        assertThat(completed.at("/data/summary/exercises").asInt()).isEqualTo(2);
        assertThat(completed.at("/data/summary/durationSeconds").asLong()).isBetween(1190L, 1300L);

        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(user).contentType(ContentType.JSON)
                .body(Map.of())
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(409);
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(3));
    }

    @Test
    void aSetOfACompletedSessionCanBeCorrectedWithItsEventAndAPainfulOneCarriesTheArticlesRule() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20));
        String setId = recordHold(user, session, 30);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200);

        as(user).contentType(ContentType.JSON)
                .body(Map.of("holdSeconds", 22, "pain", 8))
                .patch("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(200)
                .body("holdSeconds", equalTo(22))
                .body("pain", equalTo(8))
                .body("warnings[0].code", equalTo("never-strain"))
                .body("warnings[0].message", containsString("Never strain or cause pain"));
        JsonNode corrected = awaitEvent(user, "workout.set.corrected.v1");
        assertThat(corrected.at("/data/setId").asText()).isEqualTo(setId);
        assertThat(corrected.at("/data/holdSeconds").asInt()).isEqualTo(22);
        assertThat(corrected.at("/data/previous/holdSeconds").asInt()).isEqualTo(30);
        assertThat(corrected.at("/data/exercise/slug").asText()).isEqualTo("chin-to-chest");

        // repetitions do not fit a timed hold; nothing to correct is a 400 naming the fields
        as(user).contentType(ContentType.JSON)
                .body(Map.of("reps", 5))
                .patch("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("reps"));
        as(user).contentType(ContentType.JSON)
                .body(Map.of())
                .patch("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("holdSeconds", "reps", "pain"));
        as(user).contentType(ContentType.JSON)
                .body(Map.of("pain", 11))
                .patch("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("pain"));
        // another user's set is not there for them
        as(UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("pain", 1))
                .patch("/sessions/{id}/sets/{set}", session, setId)
                .then()
                .statusCode(404);
        as(user).get("/sessions/{id}", session).then().body("sets[0].holdSeconds", equalTo(22));

        as(user).delete("/sessions/{id}/sets/{set}", session, setId).then().statusCode(204);
        awaitEvent(user, "workout.set.deleted.v1");
    }

    @Test
    void aWholeSessionCanBeDeletedAndItsEventNamesItsSets() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20));
        String first = recordHold(user, session, 30);
        String second = recordHold(user, session, 25);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200);
        as(UUID.randomUUID().toString())
                .delete("/sessions/{id}", session)
                .then()
                .statusCode(404);

        as(user).delete("/sessions/{id}", session).then().statusCode(204);
        JsonNode deleted = awaitEvent(user, "workout.session.deleted.v1");
        assertThat(deleted.at("/data/sessionId").asText()).isEqualTo(session.toString());
        assertThat(List.of(
                        deleted.at("/data/setIds/0").asText(),
                        deleted.at("/data/setIds/1").asText()))
                .containsExactlyInAnyOrder(first, second);
        as(user).get("/sessions/{id}", session).then().statusCode(404);
        as(user).delete("/sessions/{id}", session).then().statusCode(404);
    }

    @Test
    void anEndBeforeTheStartAnswers400() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        as(user).contentType(ContentType.JSON)
                .body(Map.of(
                        "endedAt",
                        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString()))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("endedAt"));
        as(user).get("/sessions/{id}", session).then().body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void anImportIsAllOrNothingPerSessionAndIdempotentByIds() {
        String user = UUID.randomUUID().toString();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        Map<String, Object> batch = Map.of(
                "sessions",
                List.of(
                        Map.of(
                                "id",
                                good,
                                "startedAt",
                                start.toString(),
                                "endedAt",
                                start.plusMinutes(15).toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "painBefore",
                                4,
                                "painAfter",
                                2,
                                "sets",
                                List.of(
                                        Map.of(
                                                "id",
                                                UUID.randomUUID(),
                                                "exerciseId",
                                                CHIN,
                                                "holdSeconds",
                                                30,
                                                "recordedAt",
                                                start.plusMinutes(1).toString()),
                                        Map.of(
                                                "id",
                                                UUID.randomUUID(),
                                                "exerciseId",
                                                ROLLS,
                                                "reps",
                                                10,
                                                "recordedAt",
                                                start.plusMinutes(2).toString()))),
                        Map.of(
                                "id",
                                bad,
                                "startedAt",
                                start.toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "sets",
                                List.of(
                                        Map.of(
                                                "exerciseId",
                                                CHIN,
                                                "holdSeconds",
                                                30,
                                                "recordedAt",
                                                start.plusMinutes(1).toString()),
                                        Map.of(
                                                "exerciseId",
                                                UUID.randomUUID(),
                                                "holdSeconds",
                                                30,
                                                "recordedAt",
                                                start.plusMinutes(2).toString())))));

        as(user).contentType(ContentType.JSON)
                .body(batch)
                .post("/sessions/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1))
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("IMPORTED"))
                .body("results[1].status", equalTo("REJECTED"))
                .body("results[1].problem.status", equalTo(422))
                .body("results[1].problem.violations[0].field", equalTo("sets[1].exerciseId"));
        as(user).get("/sessions/{id}", good)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("sets", hasSize(2));
        as(user).get("/sessions/{id}", bad).then().statusCode(404);

        as(user).contentType(ContentType.JSON)
                .body(batch)
                .post("/sessions/import")
                .then()
                .statusCode(200)
                .body("alreadyImported", equalTo(1))
                .body("results[0].status", equalTo("ALREADY_IMPORTED"));
        as(user).get("/sessions").then().body("total", equalTo(1));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameAnswerAndRecordsOnce() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        String key = UUID.randomUUID().toString();
        var body = Map.of("exerciseId", CHIN, "holdSeconds", 30);

        String first = as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(1));

        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 45))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(1));
    }

    @Test
    void aFailedRequestGivesItsIdempotencyKeyBack() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        String key = UUID.randomUUID().toString();
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "reps", 3))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400);
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
    }

    private JsonNode awaitEvent(String user, String type) throws Exception {
        var sink = connector.<String>sink("outbox");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> sink.received().stream()
                        .anyMatch(m ->
                                m.getPayload().contains(type) && m.getPayload().contains(user)));
        String payload = sink.received().stream()
                .map(m -> m.getPayload())
                .filter(p -> p.contains(type) && p.contains(user))
                .findFirst()
                .orElseThrow();
        return json.readTree(payload);
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.user(user));
    }

    static UUID start(String user, OffsetDateTime startedAt) {
        UUID id = UUID.randomUUID();
        var body = startedAt == null
                ? Map.of("id", id, "timeZone", "Europe/Berlin")
                : Map.of("id", id, "timeZone", "Europe/Berlin", "startedAt", startedAt.toString());
        as(user).contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(201);
        return id;
    }

    static String recordHold(String user, UUID session, int seconds) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", seconds))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
