package org.backcare.catalog.domain;

/** How a set is measured: seconds held (HOLD) or repetitions (REPS). */
public enum Measurement {
    HOLD,
    REPS
}
