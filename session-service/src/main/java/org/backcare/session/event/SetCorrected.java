package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.backcare.session.domain.Side;

/**
 * workout.set.corrected.v1: a recorded set's seconds, repetitions or pain were corrected, also after its session
 * was completed or imported. Carries the whole set as it now is (what a set.recorded would carry) and what it was
 * before, so a consumer can replace its effect exactly.
 */
public record SetCorrected(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        UUID setId,
        SetRecorded.Exercise exercise,
        Side side,
        Integer holdSeconds,
        Integer reps,
        Integer targetHoldSeconds,
        Integer targetReps,
        Integer pain,
        OffsetDateTime recordedAt,
        String timeZone,
        Previous previous) {

    public static final String TYPE = "workout.set.corrected.v1";

    /** The values the correction replaced. */
    public record Previous(Integer holdSeconds, Integer reps, Integer pain) {}
}
