package org.backcare.progress.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.problem.FieldViolation;
import org.backcare.problem.ProblemException;

/** A {@code from}..{@code to} window of the user's days from query parameters, with defaults and limits. */
record DayRange(LocalDate from, LocalDate to) {

    /** No query reads more than ten years of days. */
    static final long MAX_DAYS = 3660;

    static DayRange of(String from, String to, LocalDate today, int defaultDays) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate end = date("to", to, today, violations);
        LocalDate start = date("from", from, end == null ? today : end.minusDays(defaultDays - 1L), violations);
        if (violations.isEmpty()) {
            if (start.isAfter(end)) {
                violations.add(new FieldViolation("from", "must not be after 'to'"));
            } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
                violations.add(new FieldViolation("from", "the window may span at most " + MAX_DAYS + " days"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidFields(violations);
        }
        return new DayRange(start, end);
    }

    private static LocalDate date(String field, String value, LocalDate fallback, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.getYear() < 2000 || date.getYear() > 2200) {
                violations.add(new FieldViolation(field, "must be a date between 2000 and 2200"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "'" + value + "' is not a date (YYYY-MM-DD)"));
            return null;
        }
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "'" + value + "' is not a UUID");
        }
    }
}
