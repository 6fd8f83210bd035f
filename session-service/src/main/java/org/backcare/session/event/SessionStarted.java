package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** workout.session.started.v1: a user started a session. Subject: the user. */
public record SessionStarted(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        UUID routineId,
        OffsetDateTime startedAt,
        String timeZone,
        Integer painBefore) {

    public static final String TYPE = "workout.session.started.v1";
}
