package org.backcare.catalog.domain;

/**
 * What to aim for: seconds per hold (HOLD exercises only), how many repetitions (of the hold, or of the
 * movement), and how many sets. The article's default for stretches: 30 seconds, 5 to 10 times, one set.
 */
public record Prescription(Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {

    public static final int MAX_HOLD_SECONDS = 600;
    public static final int MAX_REPS = 100;
    public static final int MAX_SETS = 20;
}
