package org.backcare.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated malformed requests for every endpoint of the three services: wrong types, missing and out-of-range
 * fields, unknown enum values, broken and oversized documents (over 1 MB, declared and chunked), deep nesting,
 * invalid UTF-8, wrong content types, and path and query tricks. Each one breaks at least one rule, so each must
 * be refused with a 4xx application/problem+json and change nothing. Each says which status it expects: 400 for a
 * body or query that breaks a rule (and, for an unknown field, the JSON path the answer must name), 404 for an id
 * in a path that is no id, 413 for a body over the limit, 415 for another media type, 412/428 for If-Match, 422 where
 * the request is well-formed but the domain refuses it.
 */
final class BadRequestCorpus {

    /** One request: where it goes, what it carries, and what is wrong with it. */
    record BadRequest(
            String base,
            String method,
            String path,
            String token,
            String contentType,
            byte[] body,
            boolean chunked,
            Map<String, String> headers,
            String what,
            int expected,
            String field) {

        @Override
        public String toString() {
            return method + " " + path + " (" + what + ", expects " + expected
                    + (field == null ? "" : " naming " + field) + ")";
        }
    }

    static final int INVALID = 400;
    static final int NOT_FOUND = 404;
    static final int TOO_LARGE = 413;
    static final int UNSUPPORTED_TYPE = 415;
    static final int UNPROCESSABLE = 422;

    static final String CHIN_TO_CHEST = DemoData.CHIN_TO_CHEST;
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Ids in paths that are not ids. */
    static final List<String> PATH_TRICKS = List.of(
            "not-a-uuid",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e",
            "%00",
            "%27%20or%201%3D1%20--",
            "%C3%BCn%C3%AFc%C3%B6d%C3%A9",
            "99999999999999999999999",
            "-1",
            "a".repeat(1000),
            "6f1d2c3b-0a01-4e5f-8a10-00000000000g",
            "%7B%7D",
            "null");

    private final List<BadRequest> requests = new ArrayList<>();
    private final LocalStack stack;
    private final String user;
    private final String admin;

    BadRequestCorpus(LocalStack stack, String userToken, String adminToken) {
        this.stack = stack;
        this.user = userToken;
        this.admin = adminToken;
    }

    List<BadRequest> all() {
        return List.copyOf(requests);
    }

    // --- building blocks --------------------------------------------------------------------------------------

    private void add(String base, String method, String path, String token, String what, int expected) {
        requests.add(new BadRequest(base, method, path, token, null, null, false, Map.of(), what, expected, null));
    }

    private void json(String base, String method, String path, String token, Object body, String what) {
        json(base, method, path, token, Map.of(), body, what, INVALID);
    }

    private void json(String base, String method, String path, String token, Object body, String what, int expected) {
        json(base, method, path, token, Map.of(), body, what, expected);
    }

    private void json(
            String base,
            String method,
            String path,
            String token,
            Map<String, String> headers,
            Object body,
            String what,
            int expected) {
        requests.add(
                new BadRequest(base, method, path, token, JSON, bytes(body), false, headers, what, expected, null));
    }

    /**
     * The valid body with a field the endpoint does not know put in at {@code at} (a path of nested maps and lists,
     * as the answer names it: {@code sessions[0].sets[0].holdSecond}): refused with 400 naming exactly that path.
     */
    private void unknownField(
            String base,
            String method,
            String path,
            String token,
            Map<String, String> headers,
            Object body,
            String at) {
        requests.add(new BadRequest(
                base, method, path, token, JSON, bytes(body), false, headers, "unknown field " + at, INVALID, at));
    }

    private static byte[] bytes(Object body) {
        try {
            return body instanceof byte[] raw ? raw : MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field of the valid body replaced, one at a time, by each of its invalid values; required ones left out. */
    private void fields(
            String base,
            String method,
            String path,
            String token,
            Map<String, String> headers,
            Map<String, Object> valid,
            Map<String, List<Object>> invalid,
            List<String> required) {
        invalid.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                body.put(field, value);
                json(base, method, path, token, headers, body, field + " = " + abbreviate(value), INVALID);
            }
        });
        for (String field : required) {
            Map<String, Object> body = new LinkedHashMap<>(valid);
            body.remove(field);
            json(base, method, path, token, headers, body, field + " missing", INVALID);
        }
    }

    /** {@code body} with {@code field} set to {@code value} (added when the body has no such field). */
    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    /** A start a week ago, from the clock: a valid time for an imported session whenever the corpus runs. */
    private static String lastWeek() {
        return java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .minusDays(7)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " chars)" : text;
    }

    /** Documents that are broken whatever the endpoint expects. */
    private void documents(String base, String method, String path, String token, Map<String, String> headers) {
        List<Object[]> broken = List.of(
                new Object[] {"empty body", new byte[0]},
                new Object[] {"null", "null".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"an array", "[]".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"a string", "\"text\"".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"truncated", "{\"a\":".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"not JSON", "hello=world".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"invalid UTF-8", invalidUtf8()},
                new Object[] {"nested 5000 deep", deep(5000)},
                new Object[] {"trailing garbage", "{}}}".getBytes(StandardCharsets.UTF_8)});
        for (Object[] b : broken) {
            requests.add(new BadRequest(
                    base, method, path, token, JSON, (byte[]) b[1], false, headers, (String) b[0], INVALID, null));
        }
        byte[] huge = oversized();
        requests.add(
                new BadRequest(base, method, path, token, JSON, huge, false, headers, "1.2 MB body", TOO_LARGE, null));
        requests.add(new BadRequest(
                base, method, path, token, JSON, huge, true, headers, "1.2 MB chunked body", TOO_LARGE, null));
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            requests.add(new BadRequest(
                    base, method, path, token, type, empty, false, headers, type, UNSUPPORTED_TYPE, null));
        }
        // without a Content-Type the body is read as the endpoint's JSON: {} lacks what it needs
        requests.add(new BadRequest(base, method, path, token, null, empty, false, headers, "no type", INVALID, null));
    }

    static byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"notes\":\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28});
        out.writeBytes("\",\"timeZone\":\"Europe/Berlin\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] deep(int depth) {
        return ("{\"notes\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] oversized() {
        char[] filler = new char[1_200_000];
        Arrays.fill(filler, 'a');
        return ("{\"notes\":\"" + new String(filler) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An id in the path that is no id: no resource is there, 404 (a body, when sent, is a valid one). */
    private void pathTricks(String base, String method, String template, String token, Object body) {
        for (String trick : PATH_TRICKS) {
            String path = template.replace("{}", trick);
            if (body != null) {
                json(base, method, path, token, body, "path " + abbreviate(trick), NOT_FOUND);
            } else {
                add(base, method, path, token, "path " + abbreviate(trick), NOT_FOUND);
            }
        }
    }

    private void queries(String base, String path, String token, List<String> badQueries) {
        for (String query : badQueries) {
            add(base, "GET", path + "?" + query, token, "query " + query, INVALID);
        }
    }

    // --- the endpoints ----------------------------------------------------------------------------------------

    private static final List<Object> NOT_UUIDS = List.of("not-a-uuid", 42, true, List.of(), Map.of(), "");
    private static final List<Object> NOT_TIMES = List.of("yesterday", "2026-13-45T99:00:00Z", 1234, List.of(), true);
    private static final List<Object> NOT_STRINGS = List.of(42, List.of(), Map.of(), true);

    private static List<Object> notInRange(int min, int max) {
        return List.of(
                min - 1,
                max + 1,
                "12",
                1.5,
                true,
                List.of(),
                Map.of(),
                new java.math.BigInteger("9223372036854775808"));
    }

    BadRequestCorpus session(String sessionId, String setId) {
        String s = stack.sessionUrl();
        Map<String, Object> start = new LinkedHashMap<>(
                Map.of("id", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "timeZone", "Europe/Berlin", "painBefore", 3));
        Map<String, List<Object>> startInvalid = new LinkedHashMap<>();
        startInvalid.put("id", NOT_UUIDS);
        startInvalid.put("routineId", NOT_UUIDS);
        startInvalid.put("startedAt", NOT_TIMES);
        startInvalid.put("timeZone", List.of("Mars/Olympus", 42, "", "x".repeat(100), List.of()));
        startInvalid.put("painBefore", notInRange(0, 10));
        startInvalid.put("notes", List.of(42, List.of(), Map.of(), "n".repeat(2001), "a NUL \u0000 byte"));
        fields(s, "POST", "/sessions", user, Map.of(), start, startInvalid, List.of());
        documents(s, "POST", "/sessions", user, Map.of());
        unknownField(s, "POST", "/sessions", user, Map.of(), with(start, "userId", "someone-else"), "userId");
        unknownField(s, "POST", "/sessions", user, Map.of(), with(start, "timezone", "UTC"), "timezone");

        String sets = "/sessions/" + sessionId + "/sets";
        Map<String, Object> set =
                new LinkedHashMap<>(Map.of("exerciseId", CHIN_TO_CHEST, "holdSeconds", 30, "pain", 1));
        Map<String, List<Object>> setInvalid = new LinkedHashMap<>();
        setInvalid.put("exerciseId", NOT_UUIDS);
        setInvalid.put("side", List.of("UP", 1, List.of(), ""));
        setInvalid.put("holdSeconds", notInRange(1, 600));
        setInvalid.put("reps", notInRange(1, 200));
        setInvalid.put("targetHoldSeconds", notInRange(1, 600));
        setInvalid.put("targetReps", notInRange(1, 200));
        setInvalid.put("pain", notInRange(0, 10));
        setInvalid.put("recordedAt", NOT_TIMES);
        fields(s, "POST", sets, user, Map.of(), set, setInvalid, List.of("exerciseId"));
        documents(s, "POST", sets, user, Map.of());
        unknownField(s, "POST", sets, user, Map.of(), with(set, "holdSecond", 30), "holdSecond");
        unknownField(s, "POST", sets, user, Map.of(), with(set, "sets", 3), "sets");

        String correction = "/sessions/" + sessionId + "/sets/" + setId;
        Map<String, Object> corrected = new LinkedHashMap<>(Map.of("holdSeconds", 25, "pain", 2));
        Map<String, List<Object>> correctionInvalid = new LinkedHashMap<>();
        correctionInvalid.put("holdSeconds", notInRange(1, 600));
        correctionInvalid.put("reps", notInRange(1, 200));
        correctionInvalid.put("pain", notInRange(0, 10));
        fields(s, "PATCH", correction, user, Map.of(), corrected, correctionInvalid, List.of());
        documents(s, "PATCH", correction, user, Map.of());
        unknownField(s, "PATCH", correction, user, Map.of(), with(corrected, "holdSecond", 20), "holdSecond");

        String complete = "/sessions/" + sessionId + "/complete";
        Map<String, Object> done = new LinkedHashMap<>(Map.of("painAfter", 2));
        Map<String, List<Object>> doneInvalid = new LinkedHashMap<>();
        doneInvalid.put("painAfter", notInRange(0, 10));
        doneInvalid.put("endedAt", NOT_TIMES);
        doneInvalid.put("notes", List.of(42, List.of(), "n".repeat(2001)));
        fields(s, "POST", complete, user, Map.of(), done, doneInvalid, List.of());
        unknownField(s, "POST", complete, user, Map.of(), with(done, "painAftre", 2), "painAftre");

        Map<String, Object> imported = new LinkedHashMap<>(Map.of(
                "id",
                "4fa85f64-5717-4562-b3fc-2c963f66afa7",
                "startedAt",
                lastWeek(),
                "timeZone",
                "Europe/Berlin",
                "sets",
                List.of(set)));
        Map<String, List<Object>> importInvalid = new LinkedHashMap<>();
        importInvalid.put("id", NOT_UUIDS);
        importInvalid.put("startedAt", NOT_TIMES);
        importInvalid.put("endedAt", NOT_TIMES);
        importInvalid.put("timeZone", List.of("Mars/Olympus", 42, ""));
        importInvalid.put("painAfter", notInRange(0, 10));
        importInvalid.put(
                "sets", List.of("none", 42, List.of(Map.of("holdSeconds", 30)), List.of(Map.of("exerciseId", 1))));
        for (var entry : importInvalid.entrySet()) {
            for (Object value : entry.getValue()) {
                Map<String, Object> one = new LinkedHashMap<>(imported);
                one.put(entry.getKey(), value);
                // a time zone that does not exist is well-formed: the import refuses that session (422), as it
                // refuses each session of a batch on its own
                int expected = "Mars/Olympus".equals(value) ? UNPROCESSABLE : INVALID;
                json(
                        s,
                        "POST",
                        "/sessions/import",
                        user,
                        Map.of("sessions", List.of(one)),
                        "import " + entry.getKey() + " = " + abbreviate(value),
                        expected);
            }
        }
        for (String field : List.of("id", "startedAt", "timeZone", "sets")) {
            Map<String, Object> one = new LinkedHashMap<>(imported);
            one.remove(field);
            json(s, "POST", "/sessions/import", user, Map.of("sessions", List.of(one)), "import " + field + " missing");
        }
        json(s, "POST", "/sessions/import", user, Map.of("sessions", List.of()), "import of no sessions");
        unknownField(
                s,
                "POST",
                "/sessions/import",
                user,
                Map.of(),
                Map.of("sessions", List.of(with(imported, "sets", List.of(with(set, "holdSecond", 30))))),
                "sessions[0].sets[0].holdSecond");
        unknownField(
                s,
                "POST",
                "/sessions/import",
                user,
                Map.of(),
                Map.of("sessions", List.of(with(imported, "status", "COMPLETED"))),
                "sessions[0].status");
        unknownField(
                s,
                "POST",
                "/sessions/import",
                user,
                Map.of(),
                Map.of("sessions", List.of(imported), "dryRun", true),
                "dryRun");
        json(
                s,
                "POST",
                "/sessions/import",
                user,
                Map.of("sessions", java.util.Collections.nCopies(101, imported)),
                "import of 101 sessions");
        documents(s, "POST", "/sessions/import", user, Map.of());

        pathTricks(s, "GET", "/sessions/{}", user, null);
        pathTricks(s, "POST", "/sessions/{}/sets", user, set);
        pathTricks(s, "POST", "/sessions/{}/complete", user, done);
        pathTricks(s, "DELETE", "/sessions/" + sessionId + "/sets/{}", user, null);
        pathTricks(s, "DELETE", "/sessions/{}/sets/6f1d2c3b-0a01-4e5f-8a10-000000000001", user, null);
        pathTricks(s, "PATCH", "/sessions/" + sessionId + "/sets/{}", user, corrected);
        queries(
                s,
                "/sessions",
                user,
                List.of(
                        "from=yesterday",
                        "to=2026-13-01",
                        "from=2026-11-10&to=2026-11-01",
                        "page=-1",
                        "size=0",
                        "page=abc",
                        "from=%00"));
        return this;
    }

    BadRequestCorpus catalog(String exerciseId, String exerciseEtag, String routineId, String routineEtag) {
        String c = stack.catalogUrl();
        Map<String, Object> exercise = new LinkedHashMap<>();
        exercise.put("slug", "seated-twist-corpus");
        exercise.put("name", "Seated twist");
        exercise.put("summary", "Sitting tall, turn gently to one side to mobilise the upper back.");
        exercise.put("instructions", List.of("Sit tall on a chair.", "Turn slowly to one side and hold."));
        exercise.put("kind", "STRETCH");
        exercise.put("regions", List.of("UPPER_BACK", "LOWER_BACK"));
        exercise.put("measurement", "HOLD");
        exercise.put("sided", true);
        exercise.put("prescription", Map.of("holdSeconds", 30, "repsMin", 5, "repsMax", 10, "sets", 1));
        exercise.put("safetyCues", List.of("Never strain or cause pain.", "Stretch slowly, without bouncing."));
        Map<String, List<Object>> exerciseInvalid = new LinkedHashMap<>();
        exerciseInvalid.put("slug", List.of("Bad Slug!", "", "s".repeat(81), 12, "-leading"));
        exerciseInvalid.put("name", List.of("", "n".repeat(121), 42, List.of(), "a NUL \u0000 byte"));
        exerciseInvalid.put("summary", List.of("", "s".repeat(501), 42));
        exerciseInvalid.put(
                "instructions", List.of(List.of(), List.of(""), "one string", java.util.Collections.nCopies(21, "x")));
        exerciseInvalid.put("kind", List.of("NOPE", 1, ""));
        exerciseInvalid.put(
                "regions", List.of(List.of(), List.of("NECKK"), "NECK", java.util.Collections.nCopies(9, "NECK")));
        exerciseInvalid.put("measurement", List.of("DISTANCE", 0));
        exerciseInvalid.put("sided", List.of("yes", 1));
        exerciseInvalid.put(
                "prescription",
                List.of(
                        "x",
                        Map.of("holdSeconds", -1),
                        Map.of("holdSeconds", 100000),
                        Map.of("repsMin", 10, "repsMax", 5)));
        exerciseInvalid.put("safetyCues", List.of("careful", List.of("")));
        fields(
                c,
                "POST",
                "/exercises",
                admin,
                Map.of(),
                exercise,
                exerciseInvalid,
                List.of(
                        "slug",
                        "name",
                        "summary",
                        "instructions",
                        "kind",
                        "regions",
                        "measurement",
                        "sided",
                        "prescription",
                        "safetyCues"));
        documents(c, "POST", "/exercises", admin, Map.of());
        unknownField(
                c,
                "POST",
                "/exercises",
                admin,
                Map.of(),
                with(exercise, "prescription", Map.of("holdSecond", 30, "sets", 1)),
                "prescription.holdSecond");
        unknownField(c, "POST", "/exercises", admin, Map.of(), with(exercise, "tags", List.of("neck")), "tags");
        Map<String, String> ifMatch = Map.of("If-Match", exerciseEtag);
        Map<String, Object> replaced = new LinkedHashMap<>(exercise);
        replaced.put("slug", "seated-twist-corpus-put");
        fields(
                c,
                "PUT",
                "/exercises/" + exerciseId,
                admin,
                ifMatch,
                replaced,
                Map.of("status", List.of("DRAFTY", 3), "kind", List.of("NOPE")),
                List.of("name"));
        documents(c, "PUT", "/exercises/" + exerciseId, admin, ifMatch);
        unknownField(
                c, "PUT", "/exercises/" + exerciseId, admin, ifMatch, with(replaced, "statuss", "RETIRED"), "statuss");
        json(c, "PUT", "/exercises/" + exerciseId, admin, Map.of(), replaced, "PUT without If-Match", 428);
        json(
                c,
                "PUT",
                "/exercises/" + exerciseId,
                admin,
                Map.of("If-Match", "\"999\""),
                replaced,
                "PUT, stale If-Match",
                412);
        pathTricks(c, "GET", "/exercises/{}", null, null);
        pathTricks(c, "DELETE", "/exercises/{}", admin, null);
        pathTricks(c, "PUT", "/exercises/{}", admin, replaced);
        queries(
                c,
                "/exercises",
                null,
                List.of(
                        "region=NOWHERE",
                        "kind=NOPE",
                        "measurement=DISTANCE",
                        "page=-1",
                        "size=0",
                        "page=abc",
                        "size=1.5",
                        "q=" + "q".repeat(300),
                        "q=%00",
                        "status=GONE"));

        Map<String, Object> routine = new LinkedHashMap<>();
        routine.put("slug", "corpus-routine");
        routine.put("name", "Corpus routine");
        routine.put("description", "A routine no request of the corpus may create.");
        routine.put("weeklyTarget", 3);
        routine.put("entries", List.of(Map.of("exerciseId", CHIN_TO_CHEST)));
        Map<String, List<Object>> routineInvalid = new LinkedHashMap<>();
        routineInvalid.put("slug", List.of("Bad Slug!", "", 12));
        routineInvalid.put("name", List.of("", 42));
        routineInvalid.put("description", List.of("", "d".repeat(1001)));
        routineInvalid.put("weeklyTarget", notInRange(1, 14));
        routineInvalid.put(
                "entries",
                List.of(
                        List.of(),
                        "x",
                        List.of(Map.of("exerciseId", "nope")),
                        List.of(Map.of("exerciseId", CHIN_TO_CHEST, "prescription", Map.of("holdSeconds", 900)))));
        fields(
                c,
                "POST",
                "/routines",
                admin,
                Map.of(),
                routine,
                routineInvalid,
                List.of("slug", "name", "description", "weeklyTarget", "entries"));
        documents(c, "POST", "/routines", admin, Map.of());
        unknownField(
                c,
                "POST",
                "/routines",
                admin,
                Map.of(),
                with(routine, "entries", List.of(Map.of("exerciseID", CHIN_TO_CHEST))),
                "entries[0].exerciseID");
        unknownField(
                c,
                "PUT",
                "/routines/" + routineId,
                admin,
                Map.of("If-Match", routineEtag),
                with(routine, "weeklyTarge", 3),
                "weeklyTarge");
        json(c, "PUT", "/routines/" + routineId, admin, Map.of(), routine, "PUT without If-Match", 428);
        fields(
                c,
                "PUT",
                "/routines/" + routineId,
                admin,
                Map.of("If-Match", routineEtag),
                routine,
                Map.of("weeklyTarget", List.of(0, 15)),
                List.of());
        pathTricks(c, "GET", "/routines/{}", null, null);
        pathTricks(c, "DELETE", "/routines/{}", admin, null);
        return this;
    }

    BadRequestCorpus progress() {
        String p = stack.progressUrl();
        queries(
                p,
                "/progress/me/history",
                user,
                List.of(
                        "from=yesterday",
                        "to=2026-02-30",
                        "from=2026-11-10&to=2026-11-01",
                        "granularity=year",
                        "region=NOWHERE",
                        "exercise=not-a-uuid",
                        "from=1900-01-01",
                        "to=9999-12-31",
                        "from=2000-01-01&to=2026-01-01",
                        "from=%00"));
        queries(p, "/progress/me/report.csv", user, List.of("from=yesterday", "from=2026-11-10&to=2026-11-01"));
        queries(p, "/progress/me/report.fhir.json", user, List.of("to=soon", "from=2026-11-10&to=2026-11-01"));
        queries(p, "/progress/me/exercises/" + CHIN_TO_CHEST, user, List.of("from=x", "to=2026-99-01"));
        pathTricks(p, "GET", "/progress/me/exercises/{}", user, null);
        // a coach's user id may be any Keycloak subject ([A-Za-z0-9][A-Za-z0-9._@:-]{0,127}): only the tricks
        // that cannot be one, each a 400 naming coachUserId
        for (String trick : List.of(
                "..%2F..%2Fetc%2Fpasswd",
                "%00", "%27%20or%201%3D1%20--", "%C3%BCn%C3%AFc%C3%B6d%C3%A9", "a".repeat(200), "%7B%7D", "-1")) {
            add(p, "PUT", "/progress/me/coaches/" + trick, user, "coach " + abbreviate(trick), INVALID);
            add(p, "DELETE", "/progress/me/coaches/" + trick, user, "coach " + abbreviate(trick), INVALID);
        }
        Map<String, Object> share = Map.of("coach", "carol");
        fields(
                p,
                "POST",
                "/progress/me/coaches",
                user,
                Map.of(),
                share,
                Map.of("coach", List.of("", 42, List.of(), "c".repeat(255))),
                List.of("coach"));
        documents(p, "POST", "/progress/me/coaches", user, Map.of());
        unknownField(p, "POST", "/progress/me/coaches", user, Map.of(), with(share, "coachName", "Carol"), "coachName");
        pathTricks(p, "GET", "/progress/users/{}", user, null);
        pathTricks(p, "GET", "/progress/users/{}/report", user, null);
        pathTricks(p, "GET", "/progress/users/{}/history", user, null);
        return this;
    }
}
