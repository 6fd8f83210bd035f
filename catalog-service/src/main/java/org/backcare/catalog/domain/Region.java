package org.backcare.catalog.domain;

/** A body region an exercise works. */
public enum Region {
    NECK,
    SHOULDERS,
    UPPER_BACK,
    LOWER_BACK,
    CORE,
    HIPS,
    GLUTES,
    HAMSTRINGS
}
