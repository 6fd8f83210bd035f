package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.junit.jupiter.api.Test;

/**
 * GET /progress/me/data: everything the service holds about the caller, as a download; nobody else's rows; a
 * coach's export names who shares with them. And a valid token without a subject answers 401, never a 500.
 */
@QuarkusTest
@ProgressTestResources
class DataExportTest {

    static final List<String> TABLES = List.of(
            "session_fact",
            "set_fact",
            "daily_exercise",
            "daily_activity",
            "active_run",
            "pain_flag",
            "user_totals",
            "user_profile",
            "processed_event");

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    TestClock clock;

    @Test
    void theExportHoldsEveryRowOfTheCallerAndNoneOfAnyoneElse() {
        clock.set("2026-11-24T12:00:00Z");
        String dana = Events.id();
        String eli = Events.id();
        String coach = Events.id();
        List<String> danas = Workouts.twoDaysOf(dana);
        apply(danas);
        apply(Workouts.twoDaysOf(eli));
        given().auth()
                .oauth2(TestTokens.named(dana, "dana-" + dana, "dana@example.org", "Dana Example", "user"))
                .get("/progress/me")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.user(dana))
                .put("/progress/me/coaches/" + coach)
                .then()
                .statusCode(201);

        var answer = given().auth()
                .oauth2(TestTokens.user(dana))
                .get("/progress/me/data")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"backcare-progress-2026-11-24.json\"")
                .extract();
        JsonPath export = answer.jsonPath();

        assertThat(export.getString("userId")).isEqualTo(dana);
        assertThat(export.getString("exportedAt")).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(export.getMap("person"))
                .containsEntry("username", "dana-" + dana)
                .containsEntry("email", "dana@example.org")
                .containsEntry("displayName", "Dana Example")
                .containsEntry("coach", false);
        assertThat(export.getMap("tables")).containsOnlyKeys(TABLES.toArray(String[]::new));
        assertThat(export.getList("tables.session_fact")).hasSize(2);
        assertThat(export.getList("tables.set_fact"))
                .as("4 sets, one of them deleted")
                .hasSize(4);
        assertThat(export.getList("tables.set_fact.deleted")).containsExactly(false, false, true, false);
        assertThat(export.getList("tables.processed_event.eventId"))
                .containsExactlyInAnyOrderElementsOf(
                        danas.stream().map(Events::idOf).toList());
        assertThat(export.getList("tables.pain_flag.kind")).containsExactlyInAnyOrder("HIGH_PAIN", "PAIN_RISE");
        assertThat(export.getMap("tables.session_fact[0]"))
                .containsEntry("startedAt", "2026-11-20T06:30:00Z")
                .containsEntry("endedAt", "2026-11-20T06:50:00Z")
                .containsEntry("day", "2026-11-20")
                .containsEntry("timeZone", "Europe/Berlin")
                .containsEntry("painBefore", 4)
                .containsEntry("painAfter", 2)
                .containsEntry("completed", true)
                .containsEntry("sets", 2);
        assertThat(export.getMap("tables.user_totals[0]"))
                .containsEntry("sessions", 2)
                .containsEntry("sets", 3)
                .containsEntry("holdSeconds", 55)
                .containsEntry("reps", 12);
        assertThat(export.getList("tables.daily_activity.day")).containsExactly("2026-11-20", "2026-11-21");
        assertThat(export.getList("tables.active_run")).hasSize(1);
        assertThat(export.getList("tables.user_profile.timeZone")).containsExactly("Europe/Berlin");
        assertThat(export.getList("coaches.coachUserId")).containsExactly(coach);
        assertThat(export.getList("sharedWithMe")).isEmpty();
        assertThat(answer.asString()).doesNotContain(eli);
    }

    @Test
    void aCoachsExportNamesThePeopleWhoShareWithThem() {
        String coach = Events.id();
        String fay = Events.id();
        given().auth()
                .oauth2(TestTokens.user(fay))
                .put("/progress/me/coaches/" + coach)
                .then()
                .statusCode(201);

        JsonPath export = given().auth()
                .oauth2(TestTokens.forSubject(coach, "coach"))
                .get("/progress/me/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(export.getList("sharedWithMe.userId")).containsExactly(fay);
        assertThat(export.getString("sharedWithMe[0].sharedAt")).endsWith("Z");
        assertThat(export.getList("coaches")).isEmpty();
    }

    @Test
    void aNewUserGetsEmptyTables() {
        String newcomer = Events.id();
        JsonPath export = given().auth()
                .oauth2(TestTokens.user(newcomer))
                .get("/progress/me/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(export.getString("userId")).isEqualTo(newcomer);
        assertThat(export.getMap("person")).isNull();
        for (String table : TABLES) {
            assertThat(export.getList("tables." + table)).as(table).isEmpty();
        }
        assertThat(export.getList("coaches")).isEmpty();
        assertThat(export.getList("sharedWithMe")).isEmpty();
    }

    @Test
    void withoutATokenTheExportAnswers401() {
        given().get("/progress/me/data")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void aValidTokenWithoutASubjectAnswers401NotA500() {
        String noSubject = Jwt.issuer("https://server.example.com")
                .audience("https://service.example.com")
                .claim("realm_access", Map.of("roles", List.of("user", "coach")))
                .sign();
        for (String path : List.of(
                "/progress/me",
                "/progress/me/data",
                "/progress/me/history",
                "/progress/me/report.csv",
                "/progress/me/coaches",
                "/progress/coaching",
                "/progress/users/" + TestTokens.ALICE)) {
            given().auth()
                    .oauth2(noSubject)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", containsString("sub"));
        }
    }

    private void apply(List<String> events) {
        projector.apply(events.stream().map(parser::parse).toList());
    }
}
