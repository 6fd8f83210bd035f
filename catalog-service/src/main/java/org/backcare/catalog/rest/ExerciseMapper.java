package org.backcare.catalog.rest;

import java.util.List;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.service.ExerciseDraft;

/** Requests to drafts and entities to responses, field by field. */
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
                e.prescriptionNote,
                List.copyOf(e.safetyCues),
                e.status,
                e.version);
    }

    static ExerciseDraft toDraft(ExerciseRequest r) {
        return new ExerciseDraft(
                r.slug(),
                r.name().trim(),
                r.summary().trim(),
                r.instructions(),
                r.kind(),
                r.regions(),
                r.measurement(),
                r.sided(),
                r.prescription().asPrescription(),
                r.safetyCues(),
                r.prescriptionNote(),
                r.status());
    }
}
