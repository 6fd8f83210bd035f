package org.backcare.progress.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.projection.SessionEvent;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;

/**
 * Reads a CloudEvent of workout.session-events into a {@link SessionEvent}. Everything the projections rely on is
 * checked here (ids, times, time zone, ranges), so an event that parses can always be applied; one that does not
 * is poison and throws {@link UnreadableEventException} with the reason the dead-letter topic records.
 */
@ApplicationScoped
public class SessionEventParser {

    private static final Set<String> SIDES = Set.of("LEFT", "RIGHT");
    private static final Set<String> MEASUREMENTS = Set.of("HOLD", "REPS");

    private final ObjectMapper json;

    public SessionEventParser(ObjectMapper json) {
        this.json = json;
    }

    public SessionEvent parse(String payload) {
        if (payload == null) {
            throw new UnreadableEventException("no payload");
        }
        try {
            return parse(json.readTree(payload));
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The same from UTF-8 bytes (a line of the history stream), without decoding them into a string first. */
    public SessionEvent parse(byte[] utf8, int offset, int length) {
        try {
            return parse(json.readTree(utf8, offset, length));
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new UnreadableEventException("not JSON: " + e.getMessage());
        }
    }

    private SessionEvent parse(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw new UnreadableEventException("not a JSON object");
        }
        if (!"1.0".equals(envelope.path("specversion").asText())) {
            throw new UnreadableEventException("not a CloudEvents 1.0 envelope");
        }
        String type = envelope.path("type").asText("");
        if (!SessionEvent.KNOWN_TYPES.contains(type)) {
            throw new UnreadableEventException("unknown event type '" + type + "'");
        }
        Reader envelopeReader = new Reader(envelope, "");
        UUID id = envelopeReader.uuid("id");
        JsonNode data = envelope.path("data");
        if (!data.isObject()) {
            throw new UnreadableEventException("event " + id + " has no data object");
        }
        Reader d = new Reader(data, "data.");
        String userId = d.text("userId", 200);
        if (type.equals(SessionEvent.USER_ERASED)) {
            return new SessionEvent.UserErased(id, userId, d.time("occurredAt"));
        }
        UUID sessionId = d.uuid("sessionId");
        return switch (type) {
            case SessionEvent.SESSION_STARTED ->
                new SessionEvent.SessionStarted(
                        id,
                        userId,
                        sessionId,
                        d.optionalUuid("routineId"),
                        d.time("startedAt"),
                        d.zone("timeZone"),
                        d.optionalInt("painBefore", 0, 10));
            case SessionEvent.SET_RECORDED ->
                recorded(id, userId, sessionId, d, data, supersedes(envelope.path("supersedes")));
            case SessionEvent.SET_DELETED -> {
                ExerciseSnapshot exercise = exercise(data.path("exercise"));
                yield new SessionEvent.SetDeleted(
                        id,
                        userId,
                        sessionId,
                        d.uuid("setId"),
                        exercise,
                        d.side(exercise),
                        d.optionalInt("holdSeconds", 0, 86_400),
                        d.optionalInt("reps", 0, 100_000),
                        d.optionalInt("pain", 0, 10),
                        d.time("recordedAt"),
                        d.zone("timeZone"));
            }
            // a correction carries the set as it now is, in the fields of its recording
            case SessionEvent.SET_CORRECTED ->
                new SessionEvent.SetCorrected(id, recorded(id, userId, sessionId, d, data, List.of()));
            case SessionEvent.SESSION_DELETED -> new SessionEvent.SessionDeleted(id, userId, sessionId, uuids(data));
            case SessionEvent.SESSION_COMPLETED ->
                new SessionEvent.SessionCompleted(
                        id,
                        userId,
                        sessionId,
                        d.optionalUuid("routineId"),
                        d.time("startedAt"),
                        d.time("endedAt"),
                        d.zone("timeZone"),
                        d.optionalInt("painBefore", 0, 10),
                        d.optionalInt("painAfter", 0, 10));
            default -> throw new UnreadableEventException("unknown event type '" + type + "'");
        };
    }

    private static SessionEvent.SetRecorded recorded(
            UUID id, String userId, UUID sessionId, Reader d, JsonNode data, List<UUID> supersedes) {
        ExerciseSnapshot exercise = exercise(data.path("exercise"));
        return new SessionEvent.SetRecorded(
                id,
                userId,
                sessionId,
                d.uuid("setId"),
                exercise,
                d.side(exercise),
                d.optionalInt("holdSeconds", 0, 86_400),
                d.optionalInt("reps", 0, 100_000),
                d.optionalInt("targetHoldSeconds", 0, 86_400),
                d.optionalInt("targetReps", 0, 100_000),
                d.optionalInt("pain", 0, 10),
                d.time("recordedAt"),
                d.zone("timeZone"),
                supersedes);
    }

    /**
     * The CloudEvent extension attribute {@code supersedes} of the session-service's history stream: space-separated
     * ids of the set.corrected events a set.recorded line already reflects. Absent on live events.
     */
    private static List<UUID> supersedes(JsonNode attribute) {
        if (attribute.isMissingNode() || attribute.isNull()) {
            return List.of();
        }
        if (!attribute.isTextual()) {
            throw new UnreadableEventException("supersedes is not a string of space-separated event ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : attribute.asText().trim().split("\\s+")) {
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                throw new UnreadableEventException("supersedes holds '" + shorten(id) + "', not an event id");
            }
        }
        return List.copyOf(ids);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static List<UUID> uuids(JsonNode data) {
        JsonNode node = data.path("setIds");
        if (!node.isArray()) {
            throw new UnreadableEventException("data.setIds is not an array");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : node) {
            try {
                ids.add(UUID.fromString(id.asText()));
            } catch (IllegalArgumentException e) {
                throw new UnreadableEventException("data.setIds holds '" + id.asText() + "', not a UUID");
            }
        }
        return ids;
    }

    private static ExerciseSnapshot exercise(JsonNode node) {
        if (!node.isObject()) {
            throw new UnreadableEventException("data.exercise is missing");
        }
        Reader e = new Reader(node, "data.exercise.");
        String measurement = e.text("measurement", 10);
        if (!MEASUREMENTS.contains(measurement)) {
            throw new UnreadableEventException("data.exercise.measurement '" + measurement + "' is unknown");
        }
        JsonNode regionsNode = node.path("regions");
        if (!regionsNode.isArray()) {
            throw new UnreadableEventException("data.exercise.regions is not an array");
        }
        List<String> regions = new ArrayList<>();
        regionsNode.forEach(r -> regions.add(r.asText()));
        JsonNode sided = node.path("sided");
        if (!sided.isBoolean()) {
            throw new UnreadableEventException("data.exercise.sided is not a boolean");
        }
        return new ExerciseSnapshot(
                e.uuid("id"), e.text("slug", 200), e.text("name", 500), regions, measurement, sided.asBoolean());
    }

    /** Typed access to one JSON object, failing with the field's path. */
    private record Reader(JsonNode node, String prefix) {

        String text(String field, int maxLength) {
            JsonNode value = node.path(field);
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
                throw new UnreadableEventException(prefix + field + " is missing or not a valid string");
            }
            return value.asText();
        }

        UUID uuid(String field) {
            UUID value = optionalUuid(field);
            if (value == null) {
                throw new UnreadableEventException(prefix + field + " is missing");
            }
            return value;
        }

        UUID optionalUuid(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            try {
                return UUID.fromString(value.asText());
            } catch (IllegalArgumentException e) {
                throw new UnreadableEventException(prefix + field + " is not a UUID");
            }
        }

        OffsetDateTime time(String field) {
            try {
                return OffsetDateTime.parse(text(field, 64));
            } catch (DateTimeParseException e) {
                throw new UnreadableEventException(prefix + field + " is not an RFC 3339 date-time");
            }
        }

        ZoneId zone(String field) {
            try {
                return ZoneId.of(text(field, 64));
            } catch (DateTimeException e) {
                throw new UnreadableEventException(prefix + field + " is not an IANA time zone");
            }
        }

        Integer optionalInt(String field, int min, int max) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
                throw new UnreadableEventException(prefix + field + " is not a whole number in " + min + ".." + max);
            }
            return value.asInt();
        }

        String side(ExerciseSnapshot exercise) {
            JsonNode value = node.path("side");
            if (value.isMissingNode() || value.isNull()) {
                if (exercise.sided()) {
                    throw new UnreadableEventException(prefix + "side is missing for a sided exercise");
                }
                return "";
            }
            if (!SIDES.contains(value.asText())) {
                throw new UnreadableEventException(prefix + "side '" + value.asText() + "' is unknown");
            }
            return value.asText();
        }
    }
}
