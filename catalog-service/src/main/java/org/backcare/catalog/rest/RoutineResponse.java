package org.backcare.catalog.rest;

import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Measurement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A routine with its steps in order; each step's prescription already includes the routine's overrides. */
@Schema(name = "Routine")
public record RoutineResponse(
        UUID id,
        String slug,
        String name,
        String description,
        int weeklyTarget,
        ExerciseStatus status,
        long version,
        List<Entry> entries) {

    /** One step of the routine. */
    @Schema(name = "RoutineEntry")
    public record Entry(
            int position,
            UUID exerciseId,
            String slug,
            String name,
            Measurement measurement,
            boolean sided,
            ExerciseResponse.PrescriptionResponse prescription) {}
}
