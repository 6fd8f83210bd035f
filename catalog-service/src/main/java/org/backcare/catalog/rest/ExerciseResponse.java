package org.backcare.catalog.rest;

import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An exercise as clients see it (the exercise shape of docs/architecture.md). */
@Schema(name = "Exercise")
public record ExerciseResponse(
        UUID id,
        @Schema(example = "chin-to-chest") String slug,
        @Schema(example = "Chin to chest") String name,
        String summary,
        List<String> instructions,
        Kind kind,
        List<Region> regions,
        Measurement measurement,
        @Schema(description = "Logged per LEFT/RIGHT side") boolean sided,
        PrescriptionResponse prescription,

        @Schema(description = "Why the prescription differs from the article's 30 s, 5 to 10 times, if it does")
        String prescriptionNote,

        List<String> safetyCues,
        ExerciseStatus status,
        long version) {

    /** What to aim for: hold seconds (HOLD exercises), a repetition range, and sets. */
    @Schema(name = "Prescription")
    public record PrescriptionResponse(
            @Schema(example = "30") Integer holdSeconds,
            @Schema(example = "5") Integer repsMin,
            @Schema(example = "10") Integer repsMax,
            @Schema(example = "1") Integer sets) {}
}
