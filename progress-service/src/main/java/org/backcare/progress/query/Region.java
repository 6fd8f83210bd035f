package org.backcare.progress.query;

/** The body regions of DESIGN.md's exercise. */
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
