package org.backcare.progress.access;

/** An id in the request that cannot be one: the REST edge answers 400 naming the field. */
public class InvalidIdException extends RuntimeException {

    private final String field;

    public InvalidIdException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
