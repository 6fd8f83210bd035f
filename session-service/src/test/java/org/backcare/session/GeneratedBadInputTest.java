package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Throws many generated invalid requests at every endpoint: each one breaks at least one rule (a wrong type,
 * a missing or out-of-range field, an unknown enum, a malformed document, a wrong content type). Every answer
 * must be a 4xx application/problem+json, and nothing may be written.
 */
@QuarkusTest
@SessionTestResources
class GeneratedBadInputTest {

    static final int REQUESTS_PER_ENDPOINT = 120;
    static final String CHIN = FixtureExerciseDirectory.CHIN_TO_CHEST.toString();
    static final String EAR = FixtureExerciseDirectory.EAR_TO_SHOULDER.toString();

    private final Random random = new Random(20261124);
    private final ObjectMapper json = new ObjectMapper();

    /** Values that are wrong for an integer field in the given range. */
    private Object badNumber(int min, int max) {
        Object[] choices = {
            min - 1, max + 1, -1_000_000, Long.MAX_VALUE, "12", "abc", 1.5, true, List.of(1), Map.of("n", 1), ""
        };
        return choices[random.nextInt(choices.length)];
    }

    private Object badUuid() {
        Object[] choices = {"not-a-uuid", 42, "", "6f1d2c3b-0a01-4e5f-8a10", List.of(), "../../etc/passwd", "%00"};
        return choices[random.nextInt(choices.length)];
    }

    private Object badTime() {
        Object[] choices = {"yesterday", "2026-13-45T99:00:00Z", "3000-01-01T00:00:00Z", List.of(), true};
        return choices[random.nextInt(choices.length)];
    }

    private Map<String, Object> badSet() {
        Map<String, Object> body = new HashMap<>(Map.of("exerciseId", CHIN, "holdSeconds", 30, "pain", 1));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(9)) {
                case 0 -> body.put("holdSeconds", badNumber(1, 600));
                case 1 -> body.put("pain", badNumber(0, 10));
                case 2 -> body.put("exerciseId", badUuid());
                case 3 -> body.remove("exerciseId");
                case 4 -> body.put("reps", random.nextBoolean() ? 10 : badNumber(1, 200));
                case 5 -> body.put("side", random.nextBoolean() ? "UP" : "LEFT");
                case 6 -> body.put("recordedAt", badTime());
                case 7 -> body.put("targetHoldSeconds", badNumber(1, 600));
                default -> {
                    body.put("exerciseId", EAR);
                    body.remove("side");
                }
            }
        }
        return body;
    }

    private Map<String, Object> badSession() {
        Map<String, Object> body =
                new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "timeZone", "Europe/Berlin"));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(6)) {
                case 0 -> body.put("id", badUuid());
                case 1 -> body.remove("id");
                case 2 -> body.put("timeZone", random.nextBoolean() ? "Mars/Olympus_Mons" : "");
                case 3 -> body.put("painBefore", badNumber(0, 10));
                case 4 -> body.put("startedAt", badTime());
                default -> body.put("notes", "x".repeat(2001));
            }
        }
        return body;
    }

    private Map<String, Object> badCompletion() {
        Map<String, Object> body = new HashMap<>();
        switch (random.nextInt(3)) {
            case 0 -> body.put("painAfter", badNumber(0, 10));
            case 1 ->
                body.put(
                        "endedAt",
                        random.nextBoolean()
                                ? badTime()
                                : OffsetDateTime.now(ZoneOffset.UTC)
                                        .minusYears(1)
                                        .toString());
            default -> body.put("notes", "y".repeat(2001));
        }
        return body;
    }

    private Map<String, Object> badImport() {
        Map<String, Object> good = new HashMap<>(Map.of(
                "id", UUID.randomUUID().toString(),
                "startedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString(),
                "timeZone", "Europe/Berlin",
                "sets", List.of()));
        switch (random.nextInt(5)) {
            case 0 ->
                good.put(
                        "sets",
                        List.of(badSet()).stream()
                                .filter(s -> !s.containsKey("recordedAt") || true)
                                .toList());
            case 1 -> good.remove("startedAt");
            case 2 -> good.put("id", badUuid());
            case 3 -> {
                return Map.of("sessions", random.nextBoolean() ? List.of() : "all of them");
            }
            default -> good.put("painAfter", badNumber(0, 10));
        }
        return Map.of("sessions", List.of(good));
    }

    /** A correction that breaks a rule: a range, a type, nothing to correct, repetitions for a timed hold. */
    private Map<String, Object> badCorrection() {
        return switch (random.nextInt(5)) {
            case 0 -> Map.of("holdSeconds", badNumber(1, 600));
            case 1 -> Map.of("pain", badNumber(0, 10));
            case 2 -> Map.of("reps", random.nextBoolean() ? 5 : badNumber(1, 200));
            case 3 -> Map.of();
            default -> Map.of("holdSeconds", 20, "pain", badNumber(0, 10));
        };
    }

    /** Documents that are not what any endpoint takes. */
    private String badDocument() {
        String[] choices = {
            "",
            "{",
            "null",
            "[]",
            "\"text\"",
            "{\"id\": }",
            "{\"id\":\"a\",}",
            "[[[[[[[[[[",
            "{".repeat(3000) + "}".repeat(3000),
            "[".repeat(5000) + "]".repeat(5000),
            "\u0000\u0001\u0002",
            "{\"holdSeconds\": 1e999}"
        };
        return choices[random.nextInt(choices.length)];
    }

    @Test
    void everyGeneratedBadRequestAnswersA4xxProblemAndWritesNothing() throws Exception {
        String user = UUID.randomUUID().toString();
        UUID session = SessionLifecycleTest.start(user, null);
        String hold = SessionLifecycleTest.recordHold(user, session, 30);
        long outboxBefore = outboxRows(user);

        List<String> failures = new ArrayList<>();
        Map<String, Supplier<Response>> endpoints = new HashMap<>();
        endpoints.put("POST /sessions", () -> send(user, "/sessions", badSession()));
        endpoints.put("POST /sessions/{id}/sets", () -> send(user, "/sessions/" + session + "/sets", badSet()));
        endpoints.put(
                "POST /sessions/{id}/complete",
                () -> send(user, "/sessions/" + session + "/complete", badCompletion()));
        endpoints.put("POST /sessions/import", () -> sendImport(user));
        endpoints.put(
                "PATCH /sessions/{id}/sets/{setId}",
                () -> as(user).contentType("application/json")
                        .body(badCorrection())
                        .patch("/sessions/" + session + "/sets/" + hold));
        endpoints.put("DELETE tricks", () -> {
            String[] paths = {
                "/sessions/not-a-uuid",
                "/sessions/" + UUID.randomUUID(),
                "/sessions/" + session + "/sets/not-a-uuid",
                "/sessions/" + session + "/sets/" + UUID.randomUUID()
            };
            return as(user).delete(paths[random.nextInt(paths.length)]);
        });
        endpoints.put("raw documents", () -> {
            // not /complete: it takes an empty or partial body on purpose (complete now, nothing to add)
            String[] paths = {"/sessions", "/sessions/" + session + "/sets", "/sessions/import"};
            return as(user).contentType("application/json")
                    .body(badDocument())
                    .post(paths[random.nextInt(paths.length)]);
        });
        endpoints.put(
                "wrong content type",
                () -> as(user).contentType("text/plain").body("holdSeconds=30").post("/sessions/" + session + "/sets"));
        endpoints.put("path tricks", () -> {
            String[] paths = {
                "/sessions/not-a-uuid", "/sessions/..%2F..%2Fetc", "/sessions/" + session + "/sets/%00", "/sessions/%20"
            };
            return as(user).get(paths[random.nextInt(paths.length)]);
        });
        endpoints.put(
                "query tricks",
                () -> as(user).queryParam(
                                random.nextBoolean() ? "from" : "size",
                                random.nextBoolean() ? "-1" : "'; drop table workout_set; --")
                        .get("/sessions"));

        int sent = 0;
        for (var endpoint : endpoints.entrySet()) {
            for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                Response response = endpoint.getValue().get();
                sent++;
                int status = response.statusCode();
                String contentType = response.contentType();
                if (status < 400
                        || status >= 500
                        || contentType == null
                        || !contentType.startsWith("application/problem+json")) {
                    failures.add(endpoint.getKey() + " -> " + status + " " + contentType + " " + response.asString());
                }
            }
        }

        assertThat(sent).isGreaterThanOrEqualTo(1100);
        assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
        as(user).get("/sessions/{id}", session)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("IN_PROGRESS"))
                // the one hold recorded before, as it was: no bad correction changed it
                .body("sets", org.hamcrest.Matchers.hasSize(1))
                .body("sets[0].holdSeconds", org.hamcrest.Matchers.equalTo(30))
                .body("sets[0].pain", org.hamcrest.Matchers.nullValue());
        as(user).get("/sessions").then().body("total", org.hamcrest.Matchers.equalTo(1));
        assertThat(outboxRows(user)).isEqualTo(outboxBefore);
    }

    private Response send(String user, String path, Map<String, Object> body) {
        try {
            return as(user).contentType("application/json")
                    .body(json.writeValueAsString(body))
                    .post(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bad batch as it is answered: a batch of which every session was rejected changed nothing and must answer a
     * 422 naming the fields, so a 200 for it is a failure like any other (the check below counts it).
     */
    private Response sendImport(String user) {
        return send(user, "/sessions/import", badImport());
    }

    private static long outboxRows(String user) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select count(*) from outbox_message where message_key = ?1")
                                .setParameter(1, user)
                                .getSingleResult())
                        .longValue());
    }
}
