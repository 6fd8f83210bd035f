package org.backcare.progress.projection.rebuild;

/** A rebuild is already running, on this instance or another (the REST edge answers 409). */
public class RebuildRunningException extends RuntimeException {

    public RebuildRunningException() {
        super("a rebuild is already running on this instance");
    }

    public RebuildRunningException(String message) {
        super(message);
    }
}
