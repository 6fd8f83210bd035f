package org.backcare.progress.access;

/** The caller may not read this (or it does not exist): the REST edge answers 404, never telling which. */
public class NotReadableException extends RuntimeException {

    public NotReadableException(String what) {
        super(what);
    }
}
