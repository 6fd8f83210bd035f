package org.backcare.progress.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A CloudEvent read from workout.session-events: the envelope's id, type and subject, and its data. The
 * session-service owns the schemas; this side reads only the fields it needs.
 */
public record SessionEvent(UUID id, String type, String subject, JsonNode data) {

    public static final String SESSION_STARTED = "workout.session.started.v1";
    public static final String SET_RECORDED = "workout.set.recorded.v1";
    public static final String SET_DELETED = "workout.set.deleted.v1";
    public static final String SESSION_COMPLETED = "workout.session.completed.v1";

    public static final java.util.Set<String> KNOWN_TYPES =
            java.util.Set.of(SESSION_STARTED, SET_RECORDED, SET_DELETED, SESSION_COMPLETED);
}
