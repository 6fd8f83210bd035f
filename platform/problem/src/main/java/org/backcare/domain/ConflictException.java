package org.backcare.domain;

import java.util.List;

/** The request is valid but clashes with the current state: a taken id or slug, a session that is completed. */
public final class ConflictException extends DomainException {

    public ConflictException(String detail) {
        super(detail, List.of());
    }
}
