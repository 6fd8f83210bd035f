package org.backcare.progress.ingest;

/** The message is poison: it can never be applied, so it goes to the dead-letter topic with this reason. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super(reason);
    }
}
