package org.backcare.domain;

import java.util.List;
import org.backcare.problem.FieldViolation;

/**
 * What a service says no with: the domain's reason, in the domain's words, without HTTP. The message is the detail
 * a client reads; {@link #violations()} name the fields at fault, if any. The REST edge turns each kind into
 * problem+json ({@code org.backcare.problem.ProblemMappers}, one status per kind); services never throw
 * {@code ProblemException} or JAX-RS exceptions themselves.
 */
public abstract sealed class DomainException extends RuntimeException
        permits ConflictException,
                InvalidInputException,
                NoSuchResourceException,
                RuleViolationException,
                StaleVersionException,
                UnavailableException {

    private final List<FieldViolation> violations;

    DomainException(String detail, List<FieldViolation> violations) {
        super(detail);
        this.violations = List.copyOf(violations);
    }

    /** The fields at fault, in the order the rules found them; empty when the whole request is. */
    public List<FieldViolation> violations() {
        return violations;
    }

    static String summary(List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
    }
}
