package org.backcare.domain;

import java.util.List;
import org.backcare.problem.FieldViolation;

/** Fields of the request break the rules whatever the state: a side missing, pain over 10, a hold of 0 s. */
public final class InvalidInputException extends DomainException {

    public InvalidInputException(List<FieldViolation> violations) {
        super(summary(violations), violations);
    }

    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException(List.of(new FieldViolation(field, message)));
    }
}
