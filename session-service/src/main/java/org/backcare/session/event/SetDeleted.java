package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.backcare.session.domain.Side;

/**
 * workout.set.deleted.v1: a set was deleted as a correction. Carries everything the set's recorded event did,
 * so a consumer can reverse its effect exactly without having kept the set.
 */
public record SetDeleted(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        UUID setId,
        SetRecorded.Exercise exercise,
        Side side,
        Integer holdSeconds,
        Integer reps,
        Integer pain,
        OffsetDateTime recordedAt,
        String timeZone) {

    public static final String TYPE = "workout.set.deleted.v1";
}
