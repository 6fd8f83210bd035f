package org.backcare.catalog.domain;

/** What an exercise does for the back. */
public enum Kind {
    STRETCH,
    STRENGTH,
    MOBILITY
}
