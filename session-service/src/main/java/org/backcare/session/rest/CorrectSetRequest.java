package org.backcare.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A correction of a recorded set: the seconds held (HOLD), the repetitions (REPS) or the pain; what is left out
 * stays as it was.
 */
@Schema(name = "CorrectSet")
public record CorrectSetRequest(
        @Min(1) @Max(600) @Schema(example = "25") Integer holdSeconds,
        @Min(1) @Max(200) Integer reps,
        @Min(0) @Max(10) Integer pain) {}
