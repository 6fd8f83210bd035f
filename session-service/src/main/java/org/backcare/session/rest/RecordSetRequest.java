package org.backcare.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.backcare.session.domain.Side;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One set: holdSeconds for a HOLD exercise or reps for a REPS one; side exactly when the exercise is sided. */
@Schema(name = "RecordSet")
public record RecordSetRequest(
        @Schema(description = "Optional client-chosen UUID") UUID id,
        @NotNull UUID exerciseId,
        Side side,
        @Min(1) @Max(600) @Schema(example = "30") Integer holdSeconds,
        @Min(1) @Max(200) Integer reps,
        @Min(1) @Max(600) Integer targetHoldSeconds,
        @Min(1) @Max(200) Integer targetReps,
        @Min(0) @Max(10) Integer pain,

        @Schema(description = "Defaults to now; not in the future, not before the session started")
        OffsetDateTime recordedAt) {}
