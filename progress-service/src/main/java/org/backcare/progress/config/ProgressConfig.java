package org.backcare.progress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The progress-service's own settings (application.properties, prefix {@code progress}). */
@ConfigMapping(prefix = "progress")
public interface ProgressConfig {

    Rebuild rebuild();

    interface Rebuild {
        /** The topic a rebuild replays from its beginning. */
        @WithDefault("workout.session-events")
        String topic();

        /** Records fetched per poll while replaying: each poll's facts are written in one transaction. */
        @WithDefault("5000")
        int maxPollRecords();

        /** Connections writing a poll's facts in parallel, each for its share of the partitions. */
        @WithDefault("2")
        int writers();

        /** PostgreSQL's work_mem for the rebuild's connection: the rollups sort and hash every fact once. */
        @WithDefault("256MB")
        String workMem();
    }
}
