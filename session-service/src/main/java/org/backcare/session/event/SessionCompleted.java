package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** workout.session.completed.v1: a session ended; carries its summary. */
public record SessionCompleted(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        UUID routineId,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        String timeZone,
        Integer painBefore,
        Integer painAfter,
        Summary summary) {

    public static final String TYPE = "workout.session.completed.v1";

    /** What the session held when it was completed. */
    public record Summary(int sets, long holdSeconds, long reps, int exercises, long durationSeconds) {}
}
