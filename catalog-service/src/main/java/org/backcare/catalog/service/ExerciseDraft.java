package org.backcare.catalog.service;

import java.util.List;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Prescription;
import org.backcare.catalog.domain.Region;

/** An exercise as an admin asks to create or replace it. {@code status} null keeps the current one. */
public record ExerciseDraft(
        String slug,
        String name,
        String summary,
        List<String> instructions,
        Kind kind,
        List<Region> regions,
        Measurement measurement,
        boolean sided,
        Prescription prescription,
        List<String> safetyCues,
        String prescriptionNote,
        ExerciseStatus status) {}
