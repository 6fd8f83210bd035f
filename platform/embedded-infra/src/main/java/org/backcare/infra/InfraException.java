package org.backcare.infra;

/** A piece of infrastructure could not be started or used; the message names the component and what to do. */
public class InfraException extends RuntimeException {

    private final String component;

    public InfraException(String component, String message) {
        super(component + ": " + message);
        this.component = component;
    }

    public InfraException(String component, String message, Throwable cause) {
        super(component + ": " + message, cause);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
