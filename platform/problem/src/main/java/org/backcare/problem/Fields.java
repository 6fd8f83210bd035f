package org.backcare.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses request values that JAX-RS would otherwise reject without a word (an unknown enum constant in a query
 * parameter answers 404 by the specification): here they answer 400 naming the field and the allowed values.
 */
public final class Fields {

    private Fields() {}

    /** The constant of {@code type} named by {@code value} (case-insensitive), or null when value is null/blank. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(
                    field, "unknown value '" + value + "'; allowed: " + allowedValues(type));
        }
    }

    /** A whole number of at least {@code min} from a query parameter; 400 naming the field otherwise. */
    public static int wholeNumber(String field, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw ProblemException.invalidField(field, "must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "'" + value + "' is not a whole number");
        }
    }

    /** A page size: at least 1, and capped at {@code max} (a larger one is not an error). */
    public static int pageSize(String value, int max) {
        return Math.min(wholeNumber("size", value, 1), max);
    }

    public static <E extends Enum<E>> String allowedValues(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Free text from a query: at most {@code maxLength} characters and no control characters (NUL among them). */
    public static String freeText(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalidField(field, "at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(field, "must not contain control characters");
        }
        return value;
    }
}
