package org.backcare.catalog.rest;

import org.backcare.problem.Fields;
import org.backcare.problem.ProblemException;

/**
 * Page and size query parameters: whole numbers, page from 0, size from 1 and capped at 100, and page × size (the
 * offset of the page's first item) at most {@link #MAX_OFFSET}, the furthest a database query can skip; a page
 * beyond it answers 400 naming {@code page}, never an overflowed offset.
 */
record Paging(int page, int size) {

    static final int MAX_SIZE = 100;
    static final long MAX_OFFSET = Integer.MAX_VALUE;

    static Paging of(String page, String size) {
        int p = Fields.wholeNumber("page", page, 0);
        int s = Fields.pageSize(size, MAX_SIZE);
        if ((long) p * s > MAX_OFFSET) {
            throw ProblemException.invalidField(
                    "page",
                    "page × size must be at most " + MAX_OFFSET + "; at size " + s + " the last page is "
                            + MAX_OFFSET / s);
        }
        return new Paging(p, s);
    }
}
