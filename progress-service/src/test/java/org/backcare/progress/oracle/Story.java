package org.backcare.progress.oracle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated history of session events, as plain values, and their wire form: the CloudEvents the session-service
 * publishes (its contracts/samples), written here again so that nothing of the service under test is reused.
 */
record Story(List<Event> topic, List<List<Event>> batches, Instant now, List<String> users, List<Routine> routines) {

    /** The exercises of the stories, with their catalog entries. */
    record Exercise(
            String id,
            String slug,
            String name,
            List<String> regions,
            boolean hold,
            boolean sided,
            Integer holdSeconds,
            Integer repsMin,
            Integer repsMax,
            Integer sets) {

        String snapshot() {
            return """
                    {"id":"%s","slug":"%s","name":"%s","regions":[%s],"measurement":"%s","sided":%s}""".formatted(
                            id,
                            slug,
                            name,
                            regions.stream().map(r -> '"' + r + '"').collect(Collectors.joining(",")),
                            hold ? "HOLD" : "REPS",
                            sided);
        }

        String upserted() {
            String body = snapshot().substring(0, snapshot().lastIndexOf('}'))
                    + ",\"kind\":\"STRETCH\",\"prescription\":{\"holdSeconds\":%s,\"repsMin\":%s,\"repsMax\":%s,\"sets\":%s},\"status\":\"PUBLISHED\",\"version\":1}"
                            .formatted(holdSeconds, repsMin, repsMax, sets);
            return """
                    {"specversion":"1.0","id":"%s","source":"/catalog-service","type":"catalog.exercise.upserted.v1",
                     "subject":"%s","data":{"exerciseId":"%s","version":1,"exercise":%s}}""".formatted(java.util.UUID.randomUUID(), id, id, body);
        }
    }

    static final Exercise CHIN_TO_CHEST = new Exercise(
            "6f1d2c3b-0a01-4e5f-8a10-000000000001",
            "chin-to-chest",
            "Chin to chest",
            List.of("NECK"),
            true,
            false,
            30,
            2,
            4,
            2);
    static final Exercise EAR_TO_SHOULDER = new Exercise(
            "6f1d2c3b-0a01-4e5f-8a10-000000000002",
            "ear-to-shoulder",
            "Ear to shoulder",
            List.of("NECK", "SHOULDERS"),
            true,
            true,
            20,
            2,
            3,
            2);
    static final Exercise SHOULDER_ROLLS = new Exercise(
            "6f1d2c3b-0a01-4e5f-8a10-000000000003",
            "shoulder-rolls",
            "Shoulder rolls",
            List.of("SHOULDERS", "UPPER_BACK"),
            false,
            false,
            null,
            10,
            15,
            2);
    static final Exercise SIDE_LEG_RAISE = new Exercise(
            "6f1d2c3b-0a01-4e5f-8a10-0000000000a1",
            "side-leg-raise",
            "Side-lying leg raise",
            List.of("HIPS", "GLUTES"),
            false,
            true,
            null,
            8,
            12,
            2);
    static final List<Exercise> EXERCISES = List.of(CHIN_TO_CHEST, EAR_TO_SHOULDER, SHOULDER_ROLLS, SIDE_LEG_RAISE);

    /**
     * Published with no prescription values at all (a routine's entry of it asks for one hold of any length a
     * session), and never done in the stories: only routines name it.
     */
    static final Exercise PELVIC_TILT = new Exercise(
            "6f1d2c3b-0a01-4e5f-8a10-0000000000b1",
            "pelvic-tilt",
            "Pelvic tilt",
            List.of("LOWER_BACK"),
            true,
            false,
            null,
            null,
            null,
            null);

    /** What the catalog publishes: the exercises of the sets, and one only routines name. */
    static final List<Exercise> CATALOG =
            List.of(CHIN_TO_CHEST, EAR_TO_SHOULDER, SHOULDER_ROLLS, SIDE_LEG_RAISE, PELVIC_TILT);

    /** An exercise id that routines name but that the catalog never publishes and nobody does. */
    static final String UNKNOWN_EXERCISE = "6f1d2c3b-0a01-4e5f-8a10-0000000000ff";

    static Exercise exercise(String id) {
        return CATALOG.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    static boolean published(String exerciseId) {
        return CATALOG.stream().anyMatch(e -> e.id().equals(exerciseId));
    }

    /** A routine's step: its exercise and the prescription values it overrides (null: the exercise's own). */
    record Entry(int position, String exercise, Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {}

    /** A routine as catalog.routine.upserted.v1 carries it; one that is not published never reaches the service. */
    record Routine(String id, String slug, String name, int weeklyTarget, List<Entry> entries, boolean published) {

        String upserted() {
            String steps = entries.stream()
                    .map(e -> """
                            {"position":%d,"exerciseId":"%s","prescription":{"holdSeconds":%s,"repsMin":%s,"repsMax":%s,"sets":%s}}""".formatted(
                                    e.position(), e.exercise(), e.holdSeconds(), e.repsMin(), e.repsMax(), e.sets()))
                    .collect(Collectors.joining(","));
            String event = java.util.UUID.randomUUID().toString();
            return """
                    {"specversion":"1.0","id":"%s","source":"/catalog-service","type":"catalog.routine.upserted.v1",\
                    "subject":"%s","time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",\
                    "data":{"id":"%s","occurredAt":"2026-01-01T00:00:00Z","routineId":"%s","version":1,\
                    "routine":{"id":"%s","slug":"%s","name":"%s","description":"A generated routine.",\
                    "weeklyTarget":%d,"status":"PUBLISHED","version":1,"entries":[%s]}}}""".formatted(event, id, event, id, id, slug, name, weeklyTarget, steps);
        }
    }

    /** One event of the topic; {@code id} is its CloudEvent id (a redelivery repeats it). */
    sealed interface Event {
        String id();

        String user();

        String session();
    }

    record Started(
            String id, String user, String session, String routine, Instant startedAt, String zone, Integer painBefore)
            implements Event {}

    record Completed(
            String id,
            String user,
            String session,
            String routine,
            Instant startedAt,
            Instant endedAt,
            String zone,
            Integer painBefore,
            Integer painAfter)
            implements Event {}

    /** workout.set.recorded.v1, .corrected.v1 or .deleted.v1 (the set as it is, or was before its deletion). */
    record SetEvent(
            String type,
            String id,
            String user,
            String session,
            String set,
            String exercise,
            String side,
            Integer holdSeconds,
            Integer reps,
            int pain,
            Instant recordedAt,
            String zone)
            implements Event {}

    record SessionDeleted(String id, String user, String session, Instant startedAt, String zone, List<String> sets)
            implements Event {}

    static final String RECORDED = "workout.set.recorded.v1";
    static final String CORRECTED = "workout.set.corrected.v1";
    static final String DELETED = "workout.set.deleted.v1";

    /** The CloudEvent as the session-service writes it. */
    static String json(Event event) {
        String type = event instanceof Started
                ? "workout.session.started.v1"
                : event instanceof Completed
                        ? "workout.session.completed.v1"
                        : event instanceof SetEvent s ? s.type() : "workout.session.deleted.v1";
        return envelope(event, type, data(event));
    }

    private static String data(Event event) {
        if (event instanceof Started s) {
            return """
                    "sessionId":"%s","routineId":%s,"startedAt":"%s","timeZone":"%s","painBefore":%s""".formatted(
                            s.session(), quoted(s.routine()), at(s.startedAt(), s.zone()), s.zone(), s.painBefore());
        }
        if (event instanceof Completed c) {
            return """
                    "sessionId":"%s","routineId":%s,"startedAt":"%s","endedAt":"%s","timeZone":"%s","painBefore":%s,\
                    "painAfter":%s,"summary":{"sets":0,"holdSeconds":0,"reps":0,"exercises":0,"durationSeconds":0}""".formatted(
                            c.session(),
                            quoted(c.routine()),
                            at(c.startedAt(), c.zone()),
                            at(c.endedAt(), c.zone()),
                            c.zone(),
                            c.painBefore(),
                            c.painAfter());
        }
        if (event instanceof SetEvent s) {
            return """
                    "sessionId":"%s","setId":"%s","exercise":%s,"side":%s,"holdSeconds":%s,"reps":%s,\
                    "targetHoldSeconds":null,"targetReps":null,"pain":%d,"recordedAt":"%s","timeZone":"%s"%s""".formatted(
                            s.session(),
                            s.set(),
                            exercise(s.exercise()).snapshot(),
                            s.side() == null ? "null" : '"' + s.side() + '"',
                            s.holdSeconds(),
                            s.reps(),
                            s.pain(),
                            at(s.recordedAt(), s.zone()),
                            s.zone(),
                            CORRECTED.equals(s.type())
                                    ? ",\"previous\":{\"holdSeconds\":null,\"reps\":null,\"pain\":null}"
                                    : "");
        }
        SessionDeleted d = (SessionDeleted) event;
        return """
                    "sessionId":"%s","startedAt":"%s","timeZone":"%s","setIds":[%s]""".formatted(
                        d.session(),
                        at(d.startedAt(), d.zone()),
                        d.zone(),
                        d.sets().stream().map(s -> '"' + s + '"').collect(Collectors.joining(",")));
    }

    private static String envelope(Event event, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/session-service","type":"%s","subject":"%s",\
                "time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",\
                "data":{"id":"%s","occurredAt":"2026-01-01T00:00:00Z","userId":"%s",%s}}""".formatted(event.id(), type, event.user(), event.id(), event.user(), data);
    }

    /** A line of the session-service's history stream: the event, with the ids it supersedes when there are any. */
    static String historyLine(Event event, List<String> supersedes) {
        String line = json(event);
        return supersedes.isEmpty()
                ? line
                : line.replaceFirst("\\{", "{\"supersedes\":\"" + String.join(" ", supersedes) + "\",");
    }

    private static String quoted(String value) {
        return value == null ? "null" : '"' + value + '"';
    }

    /** An instant with the offset it has in the zone, as the session-service writes times. */
    static String at(Instant instant, String zone) {
        return ZonedDateTime.ofInstant(instant, ZoneId.of(zone))
                .toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
