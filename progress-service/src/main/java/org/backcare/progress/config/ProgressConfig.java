package org.backcare.progress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The progress-service's own settings (application.properties, prefix {@code backcare.progress}). */
@ConfigMapping(prefix = "backcare.progress")
public interface ProgressConfig {

    Rebuild rebuild();

    interface Rebuild {
        /**
         * The session-service's base URL: a rebuild reads its history stream, {@code GET {url}/admin/session-history}
         * (the topic keeps 7 days only, so the session database is where the whole history is).
         */
        @WithDefault("http://localhost:8082")
        URI sessionHistoryUrl();

        /** How long connecting to the session-service and the start of its answer may take before a rebuild gives up. */
        @WithDefault("30s")
        Duration sessionHistoryTimeout();

        /** History lines folded and written per transaction (one statement per kind of row). */
        @WithDefault("1000")
        int batchSize();

        /** Connections writing a batch's facts in parallel, each for its share of the users. */
        @WithDefault("2")
        int writers();

        /** PostgreSQL's work_mem for the rebuild's connection: the rollups sort and hash every fact once. */
        @WithDefault("256MB")
        String workMem();

        /**
         * How long starting a rebuild waits for the projection lock alone (live batches hold it shared, each for a
         * batch); past it, the start answers 503 and changes nothing.
         */
        @WithDefault("10s")
        Duration lockTimeout();
    }
}
