package org.backcare.session.domain;

/** A session is open for sets until it is completed. */
public enum SessionStatus {
    IN_PROGRESS,
    COMPLETED
}
