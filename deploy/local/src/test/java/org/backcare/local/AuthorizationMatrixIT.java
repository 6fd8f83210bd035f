package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the three services against every kind of caller, with real Keycloak tokens: none, expired,
 * from another issuer, without the API's audience, alice (who owns the data), bob (another user), carol (a coach)
 * before and after alice shares with her, and admin. Each gets the status of the table below, every refusal is
 * application/problem+json, and no answer to a caller holds data of a user that caller may not see. Every answer,
 * refusals and redirects among them, carries the headers of platform/problem's AnswerHeaders: never stored
 * ({@code Cache-Control: no-store}), never framed, never sniffed, no referrer.
 */
class AuthorizationMatrixIT {

    static final String ALICE_ID = "9d3a7c1e-5b1f-4c59-9a3e-0a1f2b3c4d51";
    static final String BOB_ID = "5f0c8e2a-7d4b-4e6a-8b1c-1b2c3d4e5f62";
    static final String CAROL_ID = "2e7b9d4c-1a3f-4b8e-9c5d-2c3d4e5f6a73";
    static final String CHIN = DemoData.CHIN_TO_CHEST;

    enum Caller {
        NONE,
        EXPIRED,
        OTHER_ISSUER,
        WRONG_AUDIENCE,
        BOB,
        CAROL,
        ADMIN,
        CAROL_SHARED,
        ALICE
    }

    /** One endpoint and the status each caller gets; {@code public} ones answer 200 to anybody. */
    record Row(String name, String method, String url, Supplier<Object> body, Map<Caller, Integer> expected) {}

    private final List<Row> rows = new ArrayList<>();
    private String sessionId;
    private String setId;

    private static Map<Caller, Integer> statuses(int bob, int carol, int admin, int carolShared, int alice) {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        for (Caller refused : List.of(Caller.NONE, Caller.EXPIRED, Caller.OTHER_ISSUER, Caller.WRONG_AUDIENCE)) {
            expected.put(refused, 401);
        }
        expected.put(Caller.BOB, bob);
        expected.put(Caller.CAROL, carol);
        expected.put(Caller.ADMIN, admin);
        expected.put(Caller.CAROL_SHARED, carolShared);
        expected.put(Caller.ALICE, alice);
        return expected;
    }

    /**
     * The HTML report is a page people open in a browser: without any token it answers the redirect to Keycloak's
     * login (BrowserLoginIT follows it); a bad bearer token is still a 401.
     */
    private static Map<Caller, Integer> page(String path, Map<Caller, Integer> expected) {
        if (path.equals("/report")) {
            expected.put(Caller.NONE, 302);
        }
        return expected;
    }

    private static Map<Caller, Integer> everybody(int status) {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            expected.put(caller, status);
        }
        return expected;
    }

    private void row(String name, String method, String url, Supplier<Object> body, Map<Caller, Integer> expected) {
        rows.add(new Row(name, method, url, body, expected));
    }

    private void table(LocalStack stack) {
        String c = stack.catalogUrl();
        String s = stack.sessionUrl();
        String p = stack.progressUrl();
        String randomId = UUID.randomUUID().toString();
        // catalog: reads are public, writes are the admin's (a body-less write proves the admin got through)
        row("list exercises", "GET", c + "/exercises", null, everybody(200));
        row("get an exercise", "GET", c + "/exercises/" + CHIN, null, everybody(200));
        String routineId = given().get(c + "/routines").then().extract().path("items[0].id");
        row("list routines", "GET", c + "/routines", null, everybody(200));
        row("get a routine", "GET", c + "/routines/" + routineId, null, everybody(200));
        row("replace a routine", "PUT", c + "/routines/" + routineId, Map::of, statuses(403, 403, 400, 403, 403));
        row("guidelines", "GET", c + "/guidelines", null, everybody(200));
        row("create an exercise", "POST", c + "/exercises", Map::of, statuses(403, 403, 400, 403, 403));
        row("replace an exercise", "PUT", c + "/exercises/" + CHIN, Map::of, statuses(403, 403, 400, 403, 403));
        row("retire an exercise", "DELETE", c + "/exercises/" + randomId, null, statuses(403, 403, 404, 403, 403));
        row("create a routine", "POST", c + "/routines", Map::of, statuses(403, 403, 400, 403, 403));
        row("retire a routine", "DELETE", c + "/routines/" + randomId, null, statuses(403, 403, 404, 403, 403));
        // sessions: a user's own, nobody else's (not even an admin's or a coach's)
        row("list sessions", "GET", s + "/sessions", null, statuses(200, 403, 403, 403, 200));
        row("get alice's session", "GET", s + "/sessions/" + sessionId, null, statuses(404, 403, 403, 403, 200));
        row(
                "record a set in alice's session",
                "POST",
                s + "/sessions/" + sessionId + "/sets",
                () -> Map.of("exerciseId", CHIN, "holdSeconds", 20, "pain", 1),
                statuses(404, 403, 403, 403, 201));
        row(
                "correct alice's set",
                "PATCH",
                s + "/sessions/" + sessionId + "/sets/" + setId,
                () -> Map.of("holdSeconds", 25),
                statuses(404, 403, 403, 403, 200));
        row(
                "delete alice's set",
                "DELETE",
                s + "/sessions/" + sessionId + "/sets/" + setId,
                null,
                statuses(404, 403, 403, 403, 204));
        row(
                "complete alice's session",
                "POST",
                s + "/sessions/" + sessionId + "/complete",
                () -> Map.of("painAfter", 1),
                statuses(404, 403, 403, 403, 200));
        row("delete alice's session", "DELETE", s + "/sessions/" + sessionId, null, statuses(404, 403, 403, 403, 204));
        row(
                "import own sessions",
                "POST",
                s + "/sessions/import",
                () -> Map.of(
                        "sessions",
                        List.of(Map.of(
                                "id",
                                UUID.randomUUID().toString(),
                                "startedAt",
                                OffsetDateTime.now(ZoneOffset.UTC)
                                        .minusDays(3)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "sets",
                                List.of(Map.of("exerciseId", CHIN, "holdSeconds", 30))))),
                statuses(200, 403, 403, 403, 200));
        // progress: one's own for every role; another user's for an admin and a coach with a share
        for (String own : List.of("", "/history", "/report", "/report.csv", "/report.fhir.json", "/coaches")) {
            row(
                    "own progress " + own,
                    "GET",
                    p + "/progress/me" + own,
                    null,
                    page(own, statuses(200, 200, 200, 200, 200)));
        }
        // an exercise the caller never did has no progress: 404 (bob imported a chin-to-chest hold above)
        row(
                "own progress on an exercise",
                "GET",
                p + "/progress/me/exercises/" + CHIN,
                null,
                statuses(200, 404, 404, 404, 200));
        for (String other :
                List.of("", "/history", "/exercises/" + CHIN, "/report", "/report.csv", "/report.fhir.json")) {
            row(
                    "alice's progress " + other,
                    "GET",
                    p + "/progress/users/" + ALICE_ID + other,
                    null,
                    page(other, statuses(404, 404, 200, 200, 200)));
        }
        row("who shares with me", "GET", p + "/progress/coaching", null, statuses(403, 200, 403, 200, 403));
        row("share with carol", "PUT", p + "/progress/me/coaches/" + CAROL_ID, null, statuses(201, 422, 201, 422, 204));
        row(
                "stop sharing with carol",
                "DELETE",
                p + "/progress/me/coaches/" + CAROL_ID,
                null,
                statuses(204, 404, 204, 404, 204));
        // 202: the rebuild runs in the background, its status at the answer's Location
        row("rebuild the projections", "POST", p + "/progress/admin/rebuild", null, statuses(403, 403, 202, 403, 403));
        // a person's data: their own export from each service, the session history for a rebuild only the admin's
        row("export my sessions", "GET", s + "/me/data", null, statuses(200, 200, 200, 200, 200));
        row("export my progress", "GET", p + "/progress/me/data", null, statuses(200, 200, 200, 200, 200));
        row(
                "the session history a rebuild reads",
                "GET",
                s + "/admin/session-history",
                null,
                statuses(403, 403, 200, 403, 403));
        // erasure: refused without a valid token; a real erasure is ErasureIT's (it would empty the table's people)
        row("erase me", "DELETE", s + "/me", null, refusedOnly());
    }

    /** Only the callers without a valid token, who are refused: the others are not called. */
    private static Map<Caller, Integer> refusedOnly() {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        for (Caller refused : List.of(Caller.NONE, Caller.EXPIRED, Caller.OTHER_ISSUER, Caller.WRONG_AUDIENCE)) {
            expected.put(refused, 401);
        }
        return expected;
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSaysAndShowsNobodyElsesData() {
        LocalStack stack = SharedStack.get();
        var keycloak = stack.infrastructure().keycloak();
        HostileTokens hostile = new HostileTokens(keycloak);
        Map<Caller, String> tokens = new LinkedHashMap<>();
        tokens.put(Caller.EXPIRED, hostile.expired());
        tokens.put(Caller.OTHER_ISSUER, hostile.otherIssuer());
        tokens.put(Caller.WRONG_AUDIENCE, hostile.wrongAudience());
        tokens.put(Caller.BOB, keycloak.accessToken("bob", "bob"));
        tokens.put(Caller.CAROL, keycloak.accessToken("carol", "carol"));
        tokens.put(Caller.ADMIN, keycloak.accessToken("admin", "admin"));
        tokens.put(Caller.CAROL_SHARED, tokens.get(Caller.CAROL));
        tokens.put(Caller.ALICE, keycloak.accessToken("alice", "alice"));
        aliceHasASessionWithASet(stack, tokens.get(Caller.ALICE));
        table(stack);

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Caller caller : Caller.values()) {
            if (caller == Caller.CAROL_SHARED) {
                shareWithCarol(stack, tokens.get(Caller.ALICE));
            }
            for (Row row : rows) {
                if (!row.expected().containsKey(caller)) {
                    continue;
                }
                Response response = call(row, tokens.get(caller));
                calls++;
                int expected = row.expected().get(caller);
                String body = response.asString();
                if (response.statusCode() != expected) {
                    wrong.add(caller + " " + row.name() + ": " + response.statusCode() + " instead of " + expected + " "
                            + body.substring(0, Math.min(160, body.length())));
                }
                String why = switch (caller) {
                    case EXPIRED -> "expired";
                    case OTHER_ISSUER -> "another issuer";
                    case WRONG_AUDIENCE -> "audience";
                    default -> null;
                };
                if (why != null && response.statusCode() == 401 && !body.contains(why)) {
                    wrong.add(caller + " " + row.name() + ": the 401 does not say why (" + why + "): " + body);
                }
                for (String problem : headerProblems(response)) {
                    wrong.add(caller + " " + row.name() + " (" + response.statusCode() + "): " + problem);
                }
                if (response.statusCode() >= 400 && !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(caller + " " + row.name() + ": " + response.statusCode() + " as " + response.contentType()
                            + ", not problem+json");
                }
                for (String hidden : hiddenFrom(caller)) {
                    // an id the caller put in the URL may come back (a problem's instance): it is not a leak
                    if (body.contains(hidden) && !row.url().contains(hidden)) {
                        wrong.add(caller + " " + row.name() + ": the answer holds " + hidden);
                    }
                }
            }
        }
        System.out.println("AuthorizationMatrixIT: " + rows.size() + " endpoints x " + Caller.values().length
                + " callers = " + calls + " calls");
        assertThat(wrong).as("answers that differ from the table").isEmpty();
    }

    /** What is wrong with the answer's headers: every answer of a service carries all of them (plain HTTP: no HSTS). */
    static List<String> headerProblems(Response response) {
        List<String> problems = new ArrayList<>();
        Map<String, String> exact = Map.of(
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer");
        exact.forEach((name, value) -> {
            if (!value.equals(response.header(name))) {
                problems.add(name + " is " + response.header(name) + ", not " + value);
            }
        });
        String policy = response.header("Content-Security-Policy");
        if (policy == null || !policy.contains("frame-ancestors 'none'") || policy.contains("script-src")) {
            problems.add("Content-Security-Policy is " + policy);
        }
        if (response.header("Strict-Transport-Security") != null) {
            problems.add("Strict-Transport-Security over plain HTTP");
        }
        return problems;
    }

    /** What a caller must never see: other users' ids and alice's session, unless the caller may read them. */
    private List<String> hiddenFrom(Caller caller) {
        return switch (caller) {
            case BOB -> List.of(ALICE_ID, sessionId, CAROL_ID);
            case CAROL -> List.of(ALICE_ID, sessionId, BOB_ID);
            case CAROL_SHARED -> List.of(BOB_ID);
            case ALICE -> List.of(BOB_ID);
            case NONE, EXPIRED, OTHER_ISSUER, WRONG_AUDIENCE -> List.of(ALICE_ID, BOB_ID, CAROL_ID, sessionId);
            case ADMIN -> List.of();
        };
    }

    private static Response call(Row row, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body().get());
        }
        return request.request(row.method(), row.url());
    }

    private void aliceHasASessionWithASet(LocalStack stack, String alice) {
        sessionId = UUID.randomUUID().toString();
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("id", sessionId, "timeZone", "Europe/Berlin", "painBefore", 2))
                .post(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(201);
        setId = given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 30, "pain", 1))
                .post(stack.sessionUrl() + "/sessions/" + sessionId + "/sets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(alice)
                                .get(stack.progressUrl() + "/progress/me")
                                .then()
                                .extract()
                                .<Integer>path("totals.sets")
                        >= 1);
    }

    private static void shareWithCarol(LocalStack stack, String alice) {
        given().auth()
                .oauth2(alice)
                .put(stack.progressUrl() + "/progress/me/coaches/" + CAROL_ID)
                .then()
                .statusCode(201);
    }
}
