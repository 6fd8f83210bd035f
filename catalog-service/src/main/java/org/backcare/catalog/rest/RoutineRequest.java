package org.backcare.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A routine to create, or the whole new state of one to replace (PUT). */
@Schema(name = "RoutineInput")
public record RoutineRequest(
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lowercase words joined by hyphens")
        @Schema(example = "evening-unwind")
        String slug,

        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 1000) String description,

        @NotNull @Min(1) @Max(14) @Schema(description = "Sessions per week to aim for", example = "3")
        Integer weeklyTarget,

        @NotEmpty @Size(max = 30) List<@NotNull @Valid Entry> entries,

        @Schema(description = "PUT only: PUBLISHED or RETIRED; left out, the status stays")
        ExerciseStatus status) {

    /** A step: a published exercise, and optionally prescription values that override the exercise's own. */
    @Schema(name = "RoutineEntryInput")
    public record Entry(@NotNull UUID exerciseId, @Valid PrescriptionBody prescription) {}
}
