package org.backcare.progress.oracle;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.backcare.infra.quarkus.TestTokens;

/** The service's REST answers for one user, as the lines {@link Oracle} writes. */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {}

    static JsonNode get(String user, String path, Object... query) {
        var request = given().auth().oauth2(TestTokens.user(user));
        for (int i = 0; i < query.length; i += 2) {
            if (query[i + 1] != null) {
                request = request.queryParam((String) query[i], query[i + 1]);
            }
        }
        String body = request.get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    static List<String> me(String user) {
        JsonNode me = get(user, "/progress/me");
        List<String> lines = new ArrayList<>();
        lines.add("timeZone=%s today=%s"
                .formatted(me.path("timeZone").asText(), me.path("today").asText()));
        JsonNode t = me.path("totals");
        lines.add("totals sessions=%s sets=%s holdSeconds=%s reps=%s"
                .formatted(i(t, "sessions"), i(t, "sets"), i(t, "holdSeconds"), i(t, "reps")));
        JsonNode s = me.path("streak");
        lines.add("streak current=%s longest=%s lastActiveDay=%s activeToday=%s"
                .formatted(i(s, "current"), i(s, "longest"), i(s, "lastActiveDay"), i(s, "activeToday")));
        JsonNode w = me.path("week");
        JsonNode p = w.path("prescription");
        lines.add("week start=%s end=%s sessions=%s activeDays=%s target=%s source=%s adherence=%s"
                        .formatted(
                                i(w, "weekStart"),
                                i(w, "weekEnd"),
                                i(w, "sessions"),
                                i(w, "activeDays"),
                                i(w, "target"),
                                i(w, "targetSource"),
                                d(w, "adherence"))
                + " prescription=%s/%s ratio=%s"
                        .formatted(i(p, "setsMeetingTarget"), i(p, "setsWithTarget"), d(p, "ratio")));
        lines.add("week prescribedAdherence=%s".formatted(d(w, "prescribedAdherence")));
        // the routines by name, each with its entries by position and side (the README does not say the order)
        List<List<String>> routines = new ArrayList<>();
        for (JsonNode r : w.path("routines")) {
            List<String> block = new ArrayList<>();
            block.add(Oracle.routineLine(
                    i(r, "routineId"),
                    i(r, "name"),
                    i(r, "sessions"),
                    i(r, "weeklyTarget"),
                    d(r, "adherence"),
                    i(r, "setsPrescribed"),
                    i(r, "setsDone"),
                    d(r, "prescribedAdherence")));
            List<JsonNode> entries = new ArrayList<>();
            r.path("entries").forEach(entries::add);
            entries.sort(java.util.Comparator.comparingInt(
                            (JsonNode e) -> e.path("position").asInt())
                    .thenComparing(e -> i(e, "side")));
            for (JsonNode e : entries) {
                block.add(Oracle.entryLine(
                        i(e, "position"),
                        i(e, "exerciseId"),
                        i(e, "exerciseName"),
                        i(e, "measurement"),
                        i(e, "side"),
                        i(e, "holdSeconds"),
                        i(e, "repsMin"),
                        i(e, "setsPerSession"),
                        i(e, "setsPrescribed"),
                        i(e, "setsDone")));
            }
            routines.add(block);
        }
        routines.sort(
                java.util.Comparator.comparing((List<String> b) -> b.get(0).replaceFirst("^routine \\S+ ", "")));
        routines.forEach(lines::addAll);
        JsonNode pain = me.path("pain");
        lines.add("pain trend=%s beforeLast4Weeks=%s beforePrevious4Weeks=%s afterLast4Weeks=%s change=%s"
                .formatted(
                        i(pain, "trend"),
                        d(pain, "averageBeforeLast4Weeks"),
                        d(pain, "averageBeforePrevious4Weeks"),
                        d(pain, "averageAfterLast4Weeks"),
                        d(pain, "averageChangeWithinSession")));
        List<String> flags = new ArrayList<>();
        for (JsonNode f : me.path("flags")) {
            flags.add("flag %s session=%s set=%s pain=%s from=%s"
                    .formatted(i(f, "kind"), i(f, "sessionId"), i(f, "setId"), i(f, "pain"), i(f, "painFrom")));
        }
        flags.sort(null);
        lines.addAll(flags);
        return lines;
    }

    static List<String> history(
            String user, LocalDate from, LocalDate to, String granularity, String region, String exercise) {
        JsonNode history = get(
                user,
                "/progress/me/history",
                "from",
                from.toString(),
                "to",
                to.toString(),
                "granularity",
                granularity,
                "region",
                region,
                "exercise",
                exercise);
        List<String> lines = new ArrayList<>();
        for (JsonNode b : history.path("buckets")) {
            lines.add(
                    "%s..%s sessions=%s activeDays=%s sets=%s hold=%s reps=%s bestHold=%s averageHold=%s bestReps=%s painBefore=%s painAfter=%s"
                            .formatted(
                                    i(b, "start"),
                                    i(b, "end"),
                                    i(b, "sessions"),
                                    i(b, "activeDays"),
                                    i(b, "sets"),
                                    i(b, "holdSeconds"),
                                    i(b, "reps"),
                                    i(b, "bestHoldSeconds"),
                                    d(b, "averageHoldSeconds"),
                                    i(b, "bestReps"),
                                    d(b, "averagePainBefore"),
                                    d(b, "averagePainAfter")));
        }
        return lines;
    }

    static List<String> exercise(String user, String exercise, LocalDate from, LocalDate to) {
        JsonNode answer = get(user, "/progress/me/exercises/" + exercise, "from", from.toString(), "to", to.toString());
        List<String> lines = new ArrayList<>();
        for (JsonNode p : answer.path("series")) {
            lines.add("%s %s sets=%s hold=%s bestHold=%s averageHold=%s reps=%s bestReps=%s maxPain=%s"
                    .formatted(
                            i(p, "day"),
                            p.path("side").isNull() ? "" : p.path("side").asText(),
                            i(p, "sets"),
                            i(p, "holdSeconds"),
                            i(p, "bestHoldSeconds"),
                            d(p, "averageHoldSeconds"),
                            i(p, "reps"),
                            i(p, "bestReps"),
                            i(p, "maxPain")));
        }
        JsonNode balance = answer.path("balance");
        if (!balance.isMissingNode() && !balance.isNull()) {
            for (String side : List.of("left", "right")) {
                JsonNode b = balance.path(side);
                lines.add("balance %s sets=%s hold=%s reps=%s"
                        .formatted(side.toUpperCase(), i(b, "sets"), i(b, "holdSeconds"), i(b, "reps")));
            }
        }
        return lines;
    }

    private static String i(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "null" : value.asText();
    }

    private static String d(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "null" : String.valueOf(value.asDouble());
    }
}
