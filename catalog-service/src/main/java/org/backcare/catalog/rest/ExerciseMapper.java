package org.backcare.catalog.rest;

import java.util.List;
import org.backcare.catalog.repository.ExerciseEntity;

/** Entity to response, field by field. */
final class ExerciseMapper {

    private ExerciseMapper() {}

    static ExerciseResponse toResponse(ExerciseEntity e) {
        return new ExerciseResponse(
                e.id,
                e.slug,
                e.name,
                e.summary,
                List.copyOf(e.instructions),
                e.kind,
                e.regionList(),
                e.measurement,
                e.sided,
                new ExerciseResponse.PrescriptionResponse(e.holdSeconds, e.repsMin, e.repsMax, e.sets),
                List.copyOf(e.safetyCues),
                e.status,
                e.version);
    }
}
