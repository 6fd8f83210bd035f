package org.backcare.catalog.service;

import java.util.regex.Pattern;

/** What a slug can be (lowercase words joined by hyphens, at most 80 characters), checked before any query. */
public final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {}

    /** Whether the text can be a slug at all: anything else (a NUL byte, a path) cannot name an exercise. */
    public static boolean isSlug(String text) {
        return text != null && text.length() <= 80 && SLUG.matcher(text).matches();
    }
}
