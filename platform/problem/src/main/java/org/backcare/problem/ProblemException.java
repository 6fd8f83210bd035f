package org.backcare.problem;

import java.util.List;
import java.util.Map;
import org.backcare.domain.ConflictException;
import org.backcare.domain.DomainException;
import org.backcare.domain.InvalidInputException;
import org.backcare.domain.NoSuchResourceException;
import org.backcare.domain.RuleViolationException;
import org.backcare.domain.StaleVersionException;
import org.backcare.domain.UnavailableException;

/** Thrown by application code to answer with a problem; carries status, type, title, detail and fields. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldViolation> violations;
    private final Map<String, String> headers;

    public ProblemException(
            int status,
            String type,
            String title,
            String detail,
            List<FieldViolation> violations,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    /** 400: one field is wrong. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400,
                "invalid-request",
                "Invalid request",
                field + ": " + message,
                List.of(new FieldViolation(field, message)),
                Map.of());
    }

    /** 400: several fields are wrong. */
    public static ProblemException invalidFields(List<FieldViolation> violations) {
        return new ProblemException(
                400, "invalid-request", "Invalid request", summary(violations), violations, Map.of());
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found", List.of(), Map.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of(), Map.of());
    }

    /** 422: well-formed, but the domain says no (for example an unknown or retired exercise). */
    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(
                422,
                "unprocessable",
                "Unprocessable request",
                field + ": " + message,
                List.of(new FieldViolation(field, message)),
                Map.of());
    }

    /** 422: well-formed, but the domain refuses several fields. */
    public static ProblemException unprocessableFields(String detail, List<FieldViolation> violations) {
        return new ProblemException(422, "unprocessable", "Unprocessable request", detail, violations, Map.of());
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail, List.of(), Map.of());
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, "precondition-required", "Precondition required", detail, List.of(), Map.of());
    }

    /**
     * The answer to a service's domain exception: one status, problem type and title per kind (400 invalid-request,
     * 404 not-found, 409 conflict, 412 precondition-failed, 422 unprocessable, 503 {dependency}-unavailable with
     * Retry-After); the detail and the fields are the exception's.
     */
    public static ProblemException from(DomainException e) {
        if (e instanceof UnavailableException unavailable) {
            String dependency = unavailable.dependency();
            return new ProblemException(
                    503,
                    dependency + "-unavailable",
                    Character.toUpperCase(dependency.charAt(0)) + dependency.substring(1) + " unavailable",
                    e.getMessage(),
                    e.violations(),
                    Map.of("Retry-After", Long.toString(unavailable.retryAfter().toSeconds())));
        }
        int status;
        String type;
        String title;
        if (e instanceof InvalidInputException) {
            status = 400;
            type = "invalid-request";
            title = "Invalid request";
        } else if (e instanceof NoSuchResourceException) {
            status = 404;
            type = "not-found";
            title = "Not found";
        } else if (e instanceof ConflictException) {
            status = 409;
            type = "conflict";
            title = "Conflict";
        } else if (e instanceof StaleVersionException) {
            status = 412;
            type = "precondition-failed";
            title = "Precondition failed";
        } else if (e instanceof RuleViolationException) {
            status = 422;
            type = "unprocessable";
            title = "Unprocessable request";
        } else {
            throw new IllegalStateException("no answer for " + e.getClass().getName(), e);
        }
        return new ProblemException(status, type, title, e.getMessage(), e.violations(), Map.of());
    }

    static String summary(List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return new Problem(Problem.TYPE_BASE + type, title, status, getMessage(), null, violations);
    }
}
