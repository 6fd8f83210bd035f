package org.backcare.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** One step of a routine: an exercise, with prescription values that override the exercise's own when set. */
@Embeddable
public class RoutineEntryEmbeddable {

    @Column(name = "exercise_id", nullable = false)
    public UUID exerciseId;

    @Column(name = "hold_seconds")
    public Integer holdSeconds;

    @Column(name = "reps_min")
    public Integer repsMin;

    @Column(name = "reps_max")
    public Integer repsMax;

    @Column(name = "sets")
    public Integer sets;
}
