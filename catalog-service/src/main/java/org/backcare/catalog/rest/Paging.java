package org.backcare.catalog.rest;

import org.backcare.problem.ProblemException;

/** Page and size query parameters: whole numbers, page from 0, size from 1 and capped at 100. */
final class Paging {

    static final int MAX_SIZE = 100;

    private Paging() {}

    static int page(String value) {
        return wholeNumber("page", value, 0);
    }

    static int size(String value) {
        return Math.min(wholeNumber("size", value, 1), MAX_SIZE);
    }

    private static int wholeNumber(String field, String value, int min) {
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
}
