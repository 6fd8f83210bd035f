package org.backcare.domain;

import java.time.Duration;
import java.util.List;

/** Something the answer depends on cannot be reached now; the same request may succeed after {@link #retryAfter()}. */
public final class UnavailableException extends DomainException {

    private final String dependency;
    private final Duration retryAfter;

    /** @param dependency one lower-case word naming what is missing, as in "catalog" */
    public UnavailableException(String dependency, String detail, Duration retryAfter) {
        super(detail, List.of());
        this.dependency = dependency;
        this.retryAfter = retryAfter;
    }

    public String dependency() {
        return dependency;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
