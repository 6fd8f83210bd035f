package org.backcare.session.domain;

/** How an exercise's sets are measured: seconds held, or repetitions. */
public enum Measurement {
    HOLD,
    REPS
}
