package org.backcare.progress.query;

/** The body regions of an exercise (docs/architecture.md). */
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
