package org.backcare.progress.projection.rebuild;

/**
 * The session-service's history could not be read: it answered but refused or failed ({@link #refused} true), or it
 * could not be reached or broke off. The REST edge answers 502 or 503.
 */
public class HistoryUnavailableException extends RuntimeException {

    private final boolean refused;

    public HistoryUnavailableException(boolean refused, String detail) {
        super(detail);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }
}
