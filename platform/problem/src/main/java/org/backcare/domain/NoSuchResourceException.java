package org.backcare.domain;

import java.util.List;

/** The thing asked for does not exist, or is not the caller's (another user's data is not theirs to see). */
public final class NoSuchResourceException extends DomainException {

    /** @param what names the thing, as in "session 4f0c…": the detail reads "{what} was not found". */
    public NoSuchResourceException(String what) {
        super(what + " was not found", List.of());
    }
}
