package org.backcare.catalog.rest;

import org.backcare.problem.Fields;

/** Page and size query parameters: whole numbers, page from 0, size from 1 and capped at 100. */
final class Paging {

    static final int MAX_SIZE = 100;

    private Paging() {}

    static int page(String value) {
        return Fields.wholeNumber("page", value, 0);
    }

    static int size(String value) {
        return Fields.pageSize(value, MAX_SIZE);
    }
}
