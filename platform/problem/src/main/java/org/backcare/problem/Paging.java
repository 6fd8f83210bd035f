package org.backcare.problem;

/**
 * Page and size query parameters: whole numbers, page from 0, size from 1 and capped at 100, and page × size (the
 * offset of the page's first item) at most {@link #MAX_OFFSET}, the furthest a database query can skip; a page
 * beyond it answers 400 naming {@code page}, never an overflowed offset. One definition for every listing
 * (exercises, routines, sessions).
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final long MAX_OFFSET = Integer.MAX_VALUE;

    public static Paging of(String page, String size) {
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
