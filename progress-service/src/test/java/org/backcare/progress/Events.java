package org.backcare.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Session events as the session-service writes them (see its contracts/samples), for the projection tests. The
 * exercises are the shipped catalog's: chin-to-chest (hold, not sided), ear-to-shoulder (hold, sided), shoulder
 * rolls (reps), plank (hold).
 */
final class Events {

    static final String CHIN_TO_CHEST = "6f1d2c3b-0a01-4e5f-8a10-000000000001";
    static final String EAR_TO_SHOULDER = "6f1d2c3b-0a01-4e5f-8a10-000000000002";
    static final String SHOULDER_ROLLS = "6f1d2c3b-0a01-4e5f-8a10-000000000003";
    static final String PLANK = "6f1d2c3b-0a01-4e5f-8a10-000000000015";
    static final String STARTER_ROUTINE = "7a2e3c4d-0b02-4f60-9b20-000000000001";

    private Events() {}

    static String envelope(String type, String user, String data) {
        String id = UUID.randomUUID().toString();
        return """
                {"specversion":"1.0","id":"%s","source":"/session-service","type":"%s","subject":"%s",
                 "time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "data":{"id":"%s","occurredAt":"2026-01-01T00:00:00Z","userId":"%s",%s}}""".formatted(id, type, user, id, user, data);
    }

    static String started(String user, String session, String startedAt, String zone, Integer painBefore) {
        return started(user, session, startedAt, zone, painBefore, null);
    }

    static String started(
            String user, String session, String startedAt, String zone, Integer painBefore, String routine) {
        return envelope("workout.session.started.v1", user, """
                "sessionId":"%s","routineId":%s,"startedAt":"%s","timeZone":"%s","painBefore":%s""".formatted(
                        session, routine == null ? "null" : '"' + routine + '"', startedAt, zone, painBefore));
    }

    static String completed(
            String user, String session, String startedAt, String endedAt, String zone, Integer before, Integer after) {
        return envelope(
                "workout.session.completed.v1", user, """
                "sessionId":"%s","routineId":null,"startedAt":"%s","endedAt":"%s","timeZone":"%s","painBefore":%s,
                "painAfter":%s,"summary":{"sets":0,"holdSeconds":0,"reps":0,"exercises":0,"durationSeconds":0}""".formatted(session, startedAt, endedAt, zone, before, after));
    }

    static String hold(
            String user,
            String session,
            String set,
            String exercise,
            String side,
            int seconds,
            int pain,
            String at,
            String zone) {
        return set("workout.set.recorded.v1", user, session, set, exercise, side, seconds, null, pain, at, zone);
    }

    static String reps(String user, String session, String set, int reps, int pain, String at, String zone) {
        return set("workout.set.recorded.v1", user, session, set, SHOULDER_ROLLS, null, null, reps, pain, at, zone);
    }

    static String deleted(
            String user,
            String session,
            String set,
            String exercise,
            String side,
            Integer seconds,
            Integer reps,
            String at,
            String zone) {
        return set("workout.set.deleted.v1", user, session, set, exercise, side, seconds, reps, 1, at, zone);
    }

    /** workout.set.corrected.v1: the set as it now is, with what it was (the consumer reads the new values). */
    static String corrected(
            String user,
            String session,
            String set,
            String exercise,
            String side,
            Integer seconds,
            Integer reps,
            int pain,
            String at,
            String zone) {
        String event =
                set("workout.set.corrected.v1", user, session, set, exercise, side, seconds, reps, pain, at, zone);
        return event.substring(0, event.lastIndexOf("}}"))
                + ",\"previous\":{\"holdSeconds\":null,\"reps\":null,\"pain\":null}}}";
    }

    /** workout.session.deleted.v1 naming its sets. */
    static String sessionDeleted(String user, String session, List<String> sets) {
        return envelope("workout.session.deleted.v1", user, """
                "sessionId":"%s","startedAt":"2026-03-01T00:00:00Z","timeZone":"UTC","setIds":[%s]""".formatted(
                session, sets.stream().map(s -> '"' + s + '"').collect(java.util.stream.Collectors.joining(","))));
    }

    private static String set(
            String type,
            String user,
            String session,
            String set,
            String exercise,
            String side,
            Integer seconds,
            Integer reps,
            int pain,
            String at,
            String zone) {
        return envelope(type, user, """
                "sessionId":"%s","setId":"%s","exercise":%s,"side":%s,"holdSeconds":%s,"reps":%s,"pain":%d,
                "recordedAt":"%s","timeZone":"%s\"""".formatted(
                        session,
                        set,
                        exercise(exercise),
                        side == null ? "null" : '"' + side + '"',
                        seconds,
                        reps,
                        pain,
                        at,
                        zone));
    }

    static String exercise(String id) {
        return switch (id) {
            case CHIN_TO_CHEST -> """
                {"id":"%s","slug":"chin-to-chest","name":"Chin to chest","regions":["NECK"],"measurement":"HOLD","sided":false}""".formatted(id);
            case EAR_TO_SHOULDER -> """
                {"id":"%s","slug":"ear-to-shoulder","name":"Ear to shoulder","regions":["NECK","SHOULDERS"],"measurement":"HOLD","sided":true}""".formatted(id);
            case SHOULDER_ROLLS -> """
                {"id":"%s","slug":"shoulder-rolls","name":"Shoulder rolls","regions":["SHOULDERS","UPPER_BACK"],"measurement":"REPS","sided":false}""".formatted(id);
            case PLANK -> """
                {"id":"%s","slug":"plank","name":"Forearm plank","regions":["CORE","SHOULDERS"],"measurement":"HOLD","sided":false}""".formatted(id);
            default -> throw new IllegalArgumentException(id);
        };
    }

    /**
     * catalog.exercise.upserted.v1 for a shipped exercise, with its prescription: the catalog's own sample (from
     * catalog-contracts) with this exercise's id, slug, name, regions, measurement, sidedness, kind and prescription.
     */
    static String catalogExercise(String id, Integer hold, int repsMin, int repsMax, int sets, String kind) {
        ObjectNode event = ProducerContracts.sampleTree("catalog.exercise.upserted.v1");
        ObjectNode data = withNewEventId(event, id);
        data.put("exerciseId", id);
        ObjectNode exercise = (ObjectNode) data.get("exercise");
        exercise.setAll(tree(exercise(id)));
        exercise.put("kind", kind);
        ObjectNode prescription = exercise.putObject("prescription");
        prescription.put("holdSeconds", hold);
        prescription.put("repsMin", repsMin);
        prescription.put("repsMax", repsMax);
        prescription.put("sets", sets);
        return event.toString();
    }

    /**
     * catalog.routine.upserted.v1: the catalog's own sample (the shipped starter, with its entries) with this
     * routine's id, slug, name and weekly target.
     */
    static String catalogRoutine(String id, String slug, String name, int weeklyTarget) {
        ObjectNode event = ProducerContracts.sampleTree("catalog.routine.upserted.v1");
        ObjectNode data = withNewEventId(event, id);
        data.put("routineId", id);
        ((ObjectNode) data.get("routine"))
                .put("id", id)
                .put("slug", slug)
                .put("name", name)
                .put("weeklyTarget", weeklyTarget);
        return event.toString();
    }

    /** A new event id in the envelope and the data (a copy of a sample is another event), the subject set. */
    private static ObjectNode withNewEventId(ObjectNode event, String subject) {
        String eventId = UUID.randomUUID().toString();
        event.put("id", eventId).put("subject", subject);
        return ((ObjectNode) event.get("data")).put("id", eventId);
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** workout.user.erased.v1, as the session-service writes it after DELETE /me. */
    static String erased(String user) {
        String id = UUID.randomUUID().toString();
        return """
                {"specversion":"1.0","id":"%s","source":"/session-service","type":"workout.user.erased.v1","subject":"%s",
                 "time":"2026-11-25T09:00:00Z","datacontenttype":"application/json",
                 "data":{"id":"%s","occurredAt":"2026-11-25T09:00:00Z","userId":"%s"}}""".formatted(id, user, id, user);
    }

    /** The CloudEvent id of an event of this class. */
    static String idOf(String event) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(event);
        if (!m.find()) {
            throw new IllegalArgumentException("no id in " + event);
        }
        return m.group(1);
    }

    /**
     * A history line of the session-service's stream (GET /admin/session-history): {@code asItStands} (the set's
     * recording with its values now) under the id of its first recording {@code recorded}, with the extension
     * attribute {@code supersedes} naming the corrections folded into it, when there are any.
     */
    static String historyLine(String asItStands, String recorded, String... corrections) {
        String line = asItStands.replace(idOf(asItStands), idOf(recorded));
        if (corrections.length == 0) {
            return line;
        }
        String ids = java.util.Arrays.stream(corrections)
                .map(Events::idOf)
                .collect(java.util.stream.Collectors.joining(" "));
        return line.replaceFirst("\\{", "{\"supersedes\":\"" + ids + "\",");
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
