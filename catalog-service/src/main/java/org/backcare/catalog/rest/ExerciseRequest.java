package org.backcare.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exercise to create, or the whole new state of one to replace (PUT). */
@Schema(name = "ExerciseInput")
public record ExerciseRequest(
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lowercase words joined by hyphens")
        @Schema(example = "cat-cow")
        String slug,

        @NotBlank @Size(max = 120) @Schema(example = "Cat-cow")
        String name,

        @NotBlank @Size(max = 500) String summary,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> instructions,
        @NotNull Kind kind,
        @NotEmpty @Size(max = 8) List<@NotNull Region> regions,
        @NotNull Measurement measurement,
        @NotNull Boolean sided,
        @NotNull @Valid PrescriptionBody prescription,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 300) String> safetyCues,
        @Size(max = 500) String prescriptionNote,

        @Schema(description = "PUT only: PUBLISHED or RETIRED; left out, the status stays")
        ExerciseStatus status) {}
