package org.backcare.progress.access;

/** The token verifies but names no subject: nobody whose progress this is (the REST edge answers 401). */
public class NoSubjectException extends RuntimeException {

    public NoSubjectException() {
        super("the token names no subject (sub): progress belongs to a person, so a token for one is required");
    }
}
