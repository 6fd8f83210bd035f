package org.backcare.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How the export (GET /me/data) and the history stream (GET /admin/session-history) read: in keyset pages. */
@ConfigMapping(prefix = "session.reader")
public interface SessionReaderConfig {

    /** Sessions read per page (each with all its sets), in one short transaction; one page is in memory at once. */
    @WithDefault("50")
    @Min(1)
    int sessionsPerPage();

    /** Idempotency records read per page for the export. */
    @WithDefault("1000")
    @Min(1)
    int keysPerPage();
}
