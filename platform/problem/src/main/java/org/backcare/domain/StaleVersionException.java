package org.backcare.domain;

import java.util.List;

/** The caller changed a version it had read, but the thing has moved on since (optimistic concurrency). */
public final class StaleVersionException extends DomainException {

    public StaleVersionException(String detail) {
        super(detail, List.of());
    }
}
