package org.backcare.catalog.service;

import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Prescription;

/** A routine as an admin asks to create or replace it; an entry's prescription overrides the exercise's. */
public record RoutineDraft(
        String slug, String name, String description, int weeklyTarget, List<Entry> entries, ExerciseStatus status) {

    public record Entry(UUID exerciseId, Prescription override) {}
}
