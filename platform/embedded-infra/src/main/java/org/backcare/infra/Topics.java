package org.backcare.infra;

import java.util.List;
import java.util.Map;
import org.backcare.infra.KafkaBroker.TopicSpec;

/** The topics of docs/architecture.md, created with their partitions and cleanup policies wherever a broker starts. */
public final class Topics {

    public static final String CATALOG_EXERCISES = "catalog.exercises";
    public static final String CATALOG_ROUTINES = "catalog.routines";
    public static final String SESSION_EVENTS = "workout.session-events";
    public static final String SESSION_EVENTS_DLQ = "workout.session-events.dlq";

    /** Keyed by exercise id and compacted: the latest version of every exercise stays on the topic. */
    public static final TopicSpec CATALOG = new TopicSpec(
            CATALOG_EXERCISES,
            3,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000"));

    /** Keyed by routine id and compacted: the latest version of every routine stays on the topic. */
    public static final TopicSpec ROUTINES = new TopicSpec(
            CATALOG_ROUTINES,
            3,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000"));

    /**
     * How long the events of a person stay readable on a topic: seven days, in segments of at most one day, so a
     * record is gone at most eight days (plus one retention check) after it was written. An erasure therefore leaves
     * no readable personal data in Kafka after eight days, well inside the thirty the product promises; the
     * progress-service's rebuild reads the session database (the session-service's history stream), not the topic.
     */
    public static final long EVENT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    public static final long EVENT_SEGMENT_MS = 24L * 60 * 60 * 1000;

    /** Keyed by user id; six partitions bound the progress-service's useful replicas. Bounded retention: personal data. */
    public static final TopicSpec SESSIONS = new TopicSpec(
            SESSION_EVENTS,
            6,
            Map.of(
                    "cleanup.policy",
                    "delete",
                    "retention.ms",
                    Long.toString(EVENT_RETENTION_MS),
                    "segment.ms",
                    Long.toString(EVENT_SEGMENT_MS)));

    /** Poison messages with the reason in headers: personal data too, so the same bounded retention. */
    public static final TopicSpec DLQ = new TopicSpec(
            SESSION_EVENTS_DLQ,
            6,
            Map.of(
                    "cleanup.policy",
                    "delete",
                    "retention.ms",
                    Long.toString(EVENT_RETENTION_MS),
                    "segment.ms",
                    Long.toString(EVENT_SEGMENT_MS)));

    public static final List<TopicSpec> ALL = List.of(CATALOG, ROUTINES, SESSIONS, DLQ);

    private Topics() {}
}
