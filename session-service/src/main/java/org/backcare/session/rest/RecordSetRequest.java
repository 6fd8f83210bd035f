package org.backcare.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.backcare.problem.FieldViolation;
import org.backcare.problem.ProblemException;
import org.backcare.session.domain.Side;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One set: holdSeconds for a HOLD exercise or reps for a REPS one; side exactly when the exercise is sided.
 *
 * <p>The annotations document the bounds (OpenAPI) and {@link #check} enforces them: the set's POST is the most
 * frequent request, so it is checked by these few comparisons instead of Hibernate Validator's method interceptor
 * (issue 22). The answer is the validator's, field for field and message for message: RecordSetRequestTest
 * compares the two on every bound.
 */
@Schema(name = "RecordSet")
public record RecordSetRequest(
        @Schema(description = "Optional client-chosen UUID") UUID id,
        @NotNull UUID exerciseId,
        Side side,
        @Min(1) @Max(600) @Schema(example = "30") Integer holdSeconds,
        @Min(1) @Max(200) Integer reps,
        @Min(1) @Max(600) Integer targetHoldSeconds,
        @Min(1) @Max(200) Integer targetReps,
        @Min(0) @Max(10) Integer pain,

        @Schema(description = "Defaults to now; not in the future, not before the session started")
        OffsetDateTime recordedAt) {

    static final String NOT_NULL = "must not be null";

    /** What the annotations refuse, sorted by field as the problem answer lists them. */
    List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>(0);
        if (exerciseId == null) {
            violations.add(new FieldViolation("exerciseId", NOT_NULL));
        }
        within(violations, "holdSeconds", holdSeconds, 1, 600);
        within(violations, "reps", reps, 1, 200);
        within(violations, "targetHoldSeconds", targetHoldSeconds, 1, 600);
        within(violations, "targetReps", targetReps, 1, 200);
        within(violations, "pain", pain, 0, 10);
        violations.sort(Comparator.comparing(FieldViolation::field));
        return violations;
    }

    /** Answers 400 naming the fields when {@code request} is missing or breaks a bound. */
    static RecordSetRequest check(RecordSetRequest request) {
        if (request == null) {
            throw ProblemException.invalidFields(List.of(new FieldViolation("request", NOT_NULL)));
        }
        List<FieldViolation> violations = request.violations();
        if (!violations.isEmpty()) {
            throw ProblemException.invalidFields(violations);
        }
        return request;
    }

    private static void within(List<FieldViolation> violations, String field, Integer value, int min, int max) {
        if (value == null) {
            return; // @Min and @Max accept null
        }
        if (value < min) {
            violations.add(new FieldViolation(field, "must be greater than or equal to " + min));
        } else if (value > max) {
            violations.add(new FieldViolation(field, "must be less than or equal to " + max));
        }
    }
}
