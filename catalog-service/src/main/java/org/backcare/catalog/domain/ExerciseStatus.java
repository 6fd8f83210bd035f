package org.backcare.catalog.domain;

/** Retired exercises stay readable because history points at them. */
public enum ExerciseStatus {
    PUBLISHED,
    RETIRED
}
