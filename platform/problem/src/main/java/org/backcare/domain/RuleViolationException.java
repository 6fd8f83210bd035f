package org.backcare.domain;

import java.util.List;
import org.backcare.problem.FieldViolation;

/**
 * Well-formed, but the domain refuses it: an unknown or retired exercise, a correction that does not fit the set's
 * exercise.
 */
public final class RuleViolationException extends DomainException {

    public RuleViolationException(String detail, List<FieldViolation> violations) {
        super(detail, violations);
    }

    /** One field refused: the detail reads "{field}: {message}". */
    public static RuleViolationException field(String field, String message) {
        return new RuleViolationException(field + ": " + message, List.of(new FieldViolation(field, message)));
    }
}
