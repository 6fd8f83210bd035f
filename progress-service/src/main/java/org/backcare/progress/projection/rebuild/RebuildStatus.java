package org.backcare.progress.projection.rebuild;

import java.time.Instant;
import java.util.UUID;

/**
 * One rebuild as {@code rebuild_run} records it: {@code running}, then {@code done} with its figures or
 * {@code failed} with the reason (the live projections are then as they were before it started).
 */
public record RebuildStatus(
        UUID id,
        String state,
        Instant startedAt,
        Instant finishedAt,
        Long users,
        Long records,
        Long applied,
        Long poisonSkipped,
        Long durationMillis,
        Long eventsPerSecond,
        String error) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
