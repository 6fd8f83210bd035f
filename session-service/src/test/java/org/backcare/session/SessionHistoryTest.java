package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.recordHold;
import static org.backcare.session.SessionLifecycleTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.session.event.EventIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /admin/session-history, the progress-service's rebuild source: the sessions' current state as the very
 * events the outbox published (same ids, envelopes and data), with the corrections a line already carries.
 */
@QuarkusTest
@SessionTestResources
class SessionHistoryTest {

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
    void theHistoryIsForAdminsOnly() {
        String user = UUID.randomUUID().toString();
        as(user).get("/admin/session-history").then().statusCode(403).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forSubject(user, "coach"))
                .get("/admin/session-history")
                .then()
                .statusCode(403);
        given().get("/admin/session-history").then().statusCode(401);
    }

    @Test
    void aSessionComesBackAsTheEventsTheOutboxPublishedWithTheirIds() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
        String first = recordHold(user, session, 30);
        String second = as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", SessionLifecycleTest.ROLLS, "reps", 8, "targetReps", 10))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200);
        List<JsonNode> live = new PublishedEvents(connector, json).await(user, 4);

        List<JsonNode> lines = history(user);

        assertThat(lines)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "workout.session.started.v1",
                        "workout.set.recorded.v1",
                        "workout.set.recorded.v1",
                        "workout.session.completed.v1");
        assertThat(lines).containsExactlyElementsOf(live);
        assertThat(lines.get(1).at("/data/setId").asText()).isEqualTo(first);
        assertThat(lines.get(2).at("/data/setId").asText()).isEqualTo(second);
        assertThat(lines.get(0).get("id").asText())
                .isEqualTo(EventIds.sessionStarted(session).toString());
        assertThat(lines.get(1).get("id").asText())
                .isEqualTo(EventIds.setRecorded(UUID.fromString(first)).toString());
        assertThat(lines.get(3).get("id").asText())
                .isEqualTo(EventIds.sessionCompleted(session).toString());
        for (JsonNode line : lines) {
            assertThat(EventContractTest.schema(line.get("type").asText()).validate(line))
                    .as(line.toString())
                    .isEmpty();
        }
    }

    @Test
    void aCorrectedSetsLineCarriesItsCurrentValuesAndNamesTheCorrectionsItSupersedes() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        String set = recordHold(user, session, 30);
        correct(user, session, set, Map.of("holdSeconds", 25));
        correct(user, session, set, Map.of("holdSeconds", 20, "pain", 5));
        PublishedEvents published = new PublishedEvents(connector, json);
        List<JsonNode> live = published.await(user, 4);
        List<JsonNode> corrections = published.of(user, "workout.set.corrected.v1");
        assertThat(corrections)
                .extracting(e -> e.get("id").asText())
                .containsExactly(
                        EventIds.setCorrected(UUID.fromString(set), 1).toString(),
                        EventIds.setCorrected(UUID.fromString(set), 2).toString());

        List<JsonNode> lines = history(user);

        assertThat(lines)
                .extracting(e -> e.get("type").asText())
                .containsExactly("workout.session.started.v1", "workout.set.recorded.v1");
        JsonNode recorded = lines.get(1);
        assertThat(recorded.get("supersedes").asText())
                .isEqualTo(corrections.get(0).get("id").asText() + " "
                        + corrections.get(1).get("id").asText());
        assertThat(recorded.at("/data/holdSeconds").asInt()).isEqualTo(20);
        assertThat(recorded.at("/data/pain").asInt()).isEqualTo(5);
        // apart from the current values and the extension, the line is the live set.recorded event
        JsonNode liveRecorded = live.get(1);
        ObjectNode expected = liveRecorded.deepCopy();
        expected.put("supersedes", recorded.get("supersedes").asText());
        ((ObjectNode) expected.get("data")).put("holdSeconds", 20).put("pain", 5);
        assertThat(recorded).isEqualTo(expected);
        assertThat(EventContractTest.schema("workout.set.recorded.v1").validate(recorded))
                .isEmpty();
    }

    @Test
    void aCorrectionThatChangesNothingCountsNoRevision() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        String set = recordHold(user, session, 30);
        correct(user, session, set, Map.of("holdSeconds", 30));
        assertThat(history(user).get(1).has("supersedes")).isFalse();
    }

    @Test
    void theStreamHoldsEachUsersSessionsInOrderOfTheirStartAndOnlyTheAskedUsers() throws Exception {
        String user = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID later = start(user, now.minusHours(1));
        UUID earlier = start(user, now.minusDays(2));
        UUID middle = start(user, now.minusDays(1));
        UUID others = start(other, now.minusDays(1));

        assertThat(history(user))
                .extracting(e -> e.at("/data/sessionId").asText())
                .containsExactly(earlier.toString(), middle.toString(), later.toString());
        List<String> everyone = new ArrayList<>();
        for (JsonNode line : lines(admin().get("/admin/session-history"))) {
            everyone.add(line.at("/data/sessionId").asText());
        }
        assertThat(everyone).contains(earlier.toString(), middle.toString(), later.toString(), others.toString());
        assertThat(everyone.indexOf(middle.toString())).isEqualTo(everyone.indexOf(earlier.toString()) + 1);
        assertThat(everyone.indexOf(later.toString())).isEqualTo(everyone.indexOf(middle.toString()) + 1);
    }

    @Test
    void aBlankUserIdIsRefusedByName() {
        admin().queryParam("userId", " ")
                .get("/admin/session-history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("userId"));
    }

    @Test
    void anImportedSessionUploadedAgainEmitsNoEventTwice() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        Map<String, Object> batch = Map.of(
                "sessions",
                List.of(Map.of(
                        "id",
                        session,
                        "startedAt",
                        start.toString(),
                        "endedAt",
                        start.plusMinutes(10).toString(),
                        "timeZone",
                        "Europe/Berlin",
                        "sets",
                        List.of(
                                Map.of(
                                        "exerciseId",
                                        SessionLifecycleTest.CHIN,
                                        "holdSeconds",
                                        30,
                                        "recordedAt",
                                        start.plusMinutes(1).toString()),
                                Map.of(
                                        "exerciseId",
                                        SessionLifecycleTest.CHIN,
                                        "holdSeconds",
                                        35,
                                        "recordedAt",
                                        start.plusMinutes(2).toString())))));
        as(user).contentType(ContentType.JSON)
                .body(batch)
                .post("/sessions/import")
                .then()
                .statusCode(200)
                .body("imported", org.hamcrest.Matchers.equalTo(1));
        as(user).contentType(ContentType.JSON)
                .body(batch)
                .post("/sessions/import")
                .then()
                .statusCode(200)
                .body("alreadyImported", org.hamcrest.Matchers.equalTo(1));
        PublishedEvents published = new PublishedEvents(connector, json);
        List<JsonNode> live = published.await(user, 4);
        // a marker after the re-import: once it is out, anything the re-import emitted would be out too
        start(user, null);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> published.of(user, "workout.session.started.v1").size() == 2);

        assertThat(published.of(user)).hasSize(5);
        assertThat(live.subList(0, 4)).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
        assertThat(history(user).subList(0, 4)).containsExactlyElementsOf(live.subList(0, 4));
    }

    @Test
    void theIdOfADeletedSetOrSessionIsNeverTakenAgainForItsEventsWouldRepeatTheirIds() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10));
        UUID set = UUID.randomUUID();
        Map<String, Object> hold = Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30);
        as(user).contentType(ContentType.JSON)
                .body(hold)
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
        as(user).delete("/sessions/{id}/sets/{set}", session, set).then().statusCode(204);
        as(user).contentType(ContentType.JSON)
                .body(hold)
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        as(user).delete("/sessions/{id}", session).then().statusCode(204);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "Europe/Berlin"))
                .post("/sessions")
                .then()
                .statusCode(409);
        as(user).contentType(ContentType.JSON)
                .body(Map.of(
                        "sessions",
                        List.of(Map.of(
                                "id",
                                session,
                                "startedAt",
                                OffsetDateTime.now(ZoneOffset.UTC)
                                        .minusMinutes(10)
                                        .toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "sets",
                                List.of(Map.of("exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))))))
                .post("/sessions/import")
                .then()
                .statusCode(422)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("sessions[0]"));
    }

    private List<JsonNode> history(String user) throws IOException {
        return lines(admin().queryParam("userId", user).get("/admin/session-history"));
    }

    private List<JsonNode> lines(io.restassured.response.Response response) throws IOException {
        response.then().statusCode(200).contentType("application/x-ndjson");
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).endsWith("\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    private static void correct(String user, UUID session, String set, Map<String, Object> body) {
        as(user).contentType(ContentType.JSON)
                .body(body)
                .patch("/sessions/{id}/sets/{set}", session, set)
                .then()
                .statusCode(200);
    }
}
