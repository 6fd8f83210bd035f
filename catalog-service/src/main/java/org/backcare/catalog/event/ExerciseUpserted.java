package org.backcare.catalog.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * catalog.exercise.upserted.v1: an exercise was created, changed or retired; carries the whole exercise at
 * {@code version}. Keyed by exercise id on the compacted topic catalog.exercises, so the topic always holds
 * the latest version of every exercise. Consumers keep the highest version they have seen.
 */
public record ExerciseUpserted(UUID id, OffsetDateTime occurredAt, UUID exerciseId, long version, Exercise exercise) {

    public static final String TYPE = "catalog.exercise.upserted.v1";

    /** The exercise as the catalog holds it (the exercise shape of docs/architecture.md plus the prescription note). */
    public record Exercise(
            UUID id,
            String slug,
            String name,
            String summary,
            List<String> instructions,
            String kind,
            List<String> regions,
            String measurement,
            boolean sided,
            Prescription prescription,
            String prescriptionNote,
            List<String> safetyCues,
            String status,
            long version) {}

    /** What to aim for. */
    public record Prescription(Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {}
}
