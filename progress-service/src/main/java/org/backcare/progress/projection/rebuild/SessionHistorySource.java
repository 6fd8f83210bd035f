package org.backcare.progress.projection.rebuild;

import org.backcare.progress.projection.SessionEvent;

/**
 * Where a rebuild reads every session as it now stands (the ingest side implements it over the session-service's
 * history stream), already parsed: the rebuild depends on this, never on the transport or the parser.
 */
public interface SessionHistorySource {

    /** Opens the history for the caller's bearer token; {@link HistoryUnavailableException} when it cannot. */
    History open(String bearerToken);

    /** An open history, line by line. */
    interface History extends AutoCloseable {
        /** The next line, or null at the end; {@link HistoryUnavailableException} when the history breaks off. */
        Line next();

        @Override
        void close();
    }

    /** One line: its event, or (event null) why it cannot be read. */
    record Line(SessionEvent event, String unreadable) {}
}
