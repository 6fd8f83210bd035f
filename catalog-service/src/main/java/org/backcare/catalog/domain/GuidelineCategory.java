package org.backcare.catalog.domain;

/** What a stretching guideline is about. */
public enum GuidelineCategory {
    SAFETY,
    TECHNIQUE,
    PRESCRIPTION,
    PREPARATION
}
