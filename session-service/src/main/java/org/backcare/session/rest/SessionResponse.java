package org.backcare.session.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.domain.Side;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session with its sets (DESIGN.md's session shape). */
@Schema(name = "Session")
public record SessionResponse(
        UUID id,
        String userId,
        UUID routineId,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        String timeZone,
        Integer painBefore,
        Integer painAfter,
        String notes,
        SessionStatus status,
        List<SetResponse> sets) {

    /** A recorded set. */
    @Schema(name = "Set")
    public record SetResponse(
            UUID id,
            UUID exerciseId,
            Side side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            OffsetDateTime recordedAt) {}
}
