package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.recordHold;
import static org.backcare.session.SessionLifecycleTest.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A person's data rights: the export of everything held about them (GET /me/data) and its erasure (DELETE /me). */
@QuarkusTest
@SessionTestResources
class UserDataTest {

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
    void theExportHoldsTheCallersSessionsAndSetsAsTheyNowStandAndNothingOfAnotherUsers() throws Exception {
        String user = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID oldest = start(user, now.minusDays(3));
        UUID middle = start(user, now.minusDays(2));
        UUID newest = startWithKey(user, now.minusHours(1), "key-1");
        startWithKey(UUID.randomUUID().toString(), now.minusHours(1), "key-of-someone-else");
        String corrected = recordHold(user, middle, 30);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("holdSeconds", 20, "pain", 4))
                .patch("/sessions/{id}/sets/{set}", middle, corrected)
                .then()
                .statusCode(200);
        String kept = recordHold(user, newest, 40);
        String deleted = recordHold(user, newest, 50);
        as(user).delete("/sessions/{id}/sets/{set}", newest, deleted).then().statusCode(204);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 1))
                .post("/sessions/{id}/complete", middle)
                .then()
                .statusCode(200);
        startWithKey(user, now.minusMinutes(30), "key-2");
        startWithKey(user, now.minusMinutes(20), "key-3");

        Response response = as(user).get("/me/data");
        response.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"backcare-sessions-" + LocalDate.now(ZoneOffset.UTC) + ".json\"");
        JsonNode export = json.readTree(response.asByteArray());
        assertThat(export.get("userId").asText()).isEqualTo(user);
        assertThat(OffsetDateTime.parse(export.get("exportedAt").asText())).isAfter(now);
        assertThat(ids(export.get("sessions")))
                .startsWith(oldest.toString(), middle.toString(), newest.toString())
                .hasSize(5);
        JsonNode middleSession = export.get("sessions").get(1);
        assertThat(middleSession.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(middleSession.get("painAfter").asInt()).isEqualTo(1);
        assertThat(middleSession.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        JsonNode set = middleSession.get("sets").get(0);
        assertThat(set.get("id").asText()).isEqualTo(corrected);
        assertThat(set.get("holdSeconds").asInt()).isEqualTo(20);
        assertThat(set.get("pain").asInt()).isEqualTo(4);
        assertThat(set.get("revision").asInt()).isEqualTo(1);
        assertThat(set.get("corrected").asBoolean()).isTrue();
        assertThat(set.get("exerciseSlug").asText()).isEqualTo("chin-to-chest");
        assertThat(set.get("exerciseName").asText()).isEqualTo("Chin to chest");
        assertThat(set.get("exerciseId").asText()).isEqualTo(SessionLifecycleTest.CHIN);
        assertThat(set.get("recordedAt").isTextual()).isTrue();
        assertThat(ids(export.get("sessions").get(2).get("sets"))).containsExactly(kept);
        assertThat(export.get("sessions")
                        .get(2)
                        .get("sets")
                        .get(0)
                        .get("revision")
                        .asInt())
                .isZero();
        assertThat(export.get("idempotencyKeys"))
                .extracting(k -> k.get("key").asText())
                .containsExactly("key-1", "key-2", "key-3");
        assertThat(export.get("idempotencyKeys").get(0).get("methodPath").asText())
                .isEqualTo("POST /sessions");
        assertThat(export.get("idempotencyKeys").get(0).get("status").asInt()).isEqualTo(201);
        assertThat(export.get("idempotencyKeys").get(0).get("createdAt").isTextual())
                .isTrue();
    }

    @Test
    void theExportOfSomeoneNewIsEmpty() throws Exception {
        String user = UUID.randomUUID().toString();
        JsonNode export = json.readTree(
                as(user).get("/me/data").then().statusCode(200).extract().asByteArray());
        assertThat(export.get("userId").asText()).isEqualTo(user);
        assertThat(export.get("sessions")).isEmpty();
        assertThat(export.get("idempotencyKeys")).isEmpty();
    }

    @Test
    void aPersonWithoutTheUserRoleMayExportAndEraseTooForTheirDataIsTheirs() {
        String coach = UUID.randomUUID().toString();
        given().auth()
                .oauth2(TestTokens.forSubject(coach, "coach"))
                .get("/me/data")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forSubject(coach, "coach"))
                .delete("/me")
                .then()
                .statusCode(202);
    }

    @Test
    void erasureRemovesEveryRowOfTheUserInOneGoAndLeavesAnotherUsersAlone() {
        String user = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID first = startWithKey(user, now.minusDays(1), "erase-me");
        UUID second = start(user, now.minusHours(2));
        List<UUID> sets = new ArrayList<>();
        sets.add(UUID.fromString(recordHold(user, first, 30)));
        sets.add(UUID.fromString(recordHold(user, first, 35)));
        sets.add(UUID.fromString(recordHold(user, second, 40)));
        as(user).contentType(ContentType.JSON)
                .body(Map.of("pain", 2))
                .patch("/sessions/{id}/sets/{set}", first, sets.get(0))
                .then()
                .statusCode(200);
        UUID othersSession = startWithKey(other, now.minusHours(1), "keep-me");
        UUID othersSet = UUID.fromString(recordHold(other, othersSession, 30));
        long othersOutbox = SessionTables.outboxRowsOf(other);

        as(user).delete("/me")
                .then()
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("userId", org.hamcrest.Matchers.equalTo(user))
                .body("sessions", org.hamcrest.Matchers.equalTo(2))
                .body("sets", org.hamcrest.Matchers.equalTo(3))
                .body("erasedAt", org.hamcrest.Matchers.notNullValue());

        assertThat(SessionTables.sessionsOf(user)).isZero();
        assertThat(SessionTables.setsWithIds(sets)).isZero();
        assertThat(SessionTables.idempotentRequestsOf(user)).isZero();
        assertThat(SessionTables.outboxRowsOf(user)).isEqualTo(1);
        assertThat(SessionTables.outboxRowsOf(user, "workout.user.erased.v1")).isEqualTo(1);
        assertThat(SessionTables.sessionsOf(other)).isEqualTo(1);
        assertThat(SessionTables.setsWithIds(List.of(othersSet))).isEqualTo(1);
        assertThat(SessionTables.idempotentRequestsOf(other)).isEqualTo(1);
        assertThat(SessionTables.outboxRowsOf(other)).isEqualTo(othersOutbox);
        as(user).get("/sessions/{id}", first).then().statusCode(404);
        as(other).get("/sessions/{id}", othersSession).then().statusCode(200);

        PublishedEvents published = new PublishedEvents(connector, json);
        JsonNode erased = published.awaitFirst(user, "workout.user.erased.v1");
        assertThat(erased.at("/data/userId").asText()).isEqualTo(user);
        assertThat(erased.get("subject").asText()).isEqualTo(user);
        assertThat(published.of(user, "workout.user.erased.v1")).hasSize(1);
        assertThat(published.of(other, "workout.user.erased.v1")).isEmpty();
    }

    @Test
    void erasingSomeoneWithNothingHereStillAnswers202AndSendsTheEvent() {
        String user = UUID.randomUUID().toString();
        as(user).delete("/me")
                .then()
                .statusCode(202)
                .body("sessions", org.hamcrest.Matchers.equalTo(0))
                .body("sets", org.hamcrest.Matchers.equalTo(0));
        JsonNode erased = new PublishedEvents(connector, json).awaitFirst(user, "workout.user.erased.v1");
        assertThat(erased.at("/data/userId").asText()).isEqualTo(user);
    }

    @Test
    void withoutATokenTheDataEndpointsAnswer401() {
        given().get("/me/data").then().statusCode(401).contentType("application/problem+json");
        given().delete("/me").then().statusCode(401).contentType("application/problem+json");
        given().get("/admin/session-history").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesTheExportTheErasureAndTheHistoryStream() throws Exception {
        JsonNode api = json.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        JsonNode export = api.at("/paths/~1me~1data/get");
        assertThat(export.at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/DataExport");
        assertThat(api.at("/components/schemas/DataExport/description").asText())
                .contains("corrected set shows its values as they now stand");
        assertThat(api.at("/paths/~1me/delete/responses/202/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/Erasure");
        JsonNode history = api.at("/paths/~1admin~1session-history/get");
        assertThat(history.at("/description").asText())
                .contains("Events whose ids appear in the stream (or in supersedes) are already reflected");
        assertThat(history.at("/responses/200/content").has("application/x-ndjson"))
                .isTrue();
    }

    private static UUID startWithKey(String user, OffsetDateTime startedAt, String key) {
        UUID id = UUID.randomUUID();
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "timeZone", "Europe/Berlin", "startedAt", startedAt.toString()))
                .post("/sessions")
                .then()
                .statusCode(201);
        return id;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
