package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.Measurement;
import org.backcare.session.domain.Side;

/**
 * workout.set.recorded.v1: a set was recorded. Carries a snapshot of the exercise, so consumers never ask the
 * catalog, and the session's time zone, so consumers can place the set on the user's day.
 */
public record SetRecorded(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        UUID setId,
        Exercise exercise,
        Side side,
        Integer holdSeconds,
        Integer reps,
        Integer targetHoldSeconds,
        Integer targetReps,
        Integer pain,
        OffsetDateTime recordedAt,
        String timeZone) {

    public static final String TYPE = "workout.set.recorded.v1";

    /** The exercise as it was when the set was recorded. */
    public record Exercise(
            UUID id, String slug, String name, List<String> regions, Measurement measurement, boolean sided) {}
}
