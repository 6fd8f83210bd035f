package org.backcare.session.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.domain.Side;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session with its sets (the session shape of docs/architecture.md). */
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

    /** A recorded set; a set with pain of 7 or more carries the article's rule in {@code warnings}. */
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
            OffsetDateTime recordedAt,
            List<Warning> warnings) {}

    /** Something to tell the person about a set ({@code never-strain}: it hurt; stop, ease off, do not bounce). */
    @Schema(name = "SetWarning")
    public record Warning(String code, String message) {}
}
