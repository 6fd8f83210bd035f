package org.backcare.catalog.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * catalog.routine.upserted.v1: a routine was created, changed or retired; carries the whole routine at
 * {@code version}. Keyed by routine id on the compacted topic catalog.routines, so the topic always holds the
 * latest version of every routine. Consumers keep the highest version they have seen.
 */
public record RoutineUpserted(UUID id, OffsetDateTime occurredAt, UUID routineId, long version, Routine routine) {

    public static final String TYPE = "catalog.routine.upserted.v1";

    /**
     * The routine as the catalog holds it. {@code weeklyTarget} is how many sessions of it a week the user aims
     * for (1 to 14); {@code entries} are its steps in order.
     */
    public record Routine(
            UUID id,
            String slug,
            String name,
            String description,
            int weeklyTarget,
            String status,
            long version,
            List<Entry> entries) {}

    /** One step of the routine, {@code position} counted from 1. */
    public record Entry(int position, UUID exerciseId, Prescription prescription) {}

    /**
     * The values the routine overrides, not the effective prescription: a field is null where the routine keeps
     * the exercise's own value (from catalog.exercises), so a step without overrides has four nulls. The
     * effective prescription is the exercise's with the non-null fields here replacing its own.
     */
    public record Prescription(Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {}
}
