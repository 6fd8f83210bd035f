package org.backcare.catalog.service;

import static org.backcare.catalog.domain.Prescription.MAX_HOLD_SECONDS;
import static org.backcare.catalog.domain.Prescription.MAX_REPS;
import static org.backcare.catalog.domain.Prescription.MAX_SETS;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Prescription;
import org.backcare.domain.InvalidInputException;
import org.backcare.problem.FieldViolation;

/**
 * What makes an exercise valid, beyond the shape the REST request checks: the prescription's ranges
 * (hold 1..600 s, 1 <= repsMin <= repsMax <= 100, sets 1..20), a hold time exactly for HOLD exercises, distinct
 * regions. The shipped catalog is checked against the same rules.
 */
@ApplicationScoped
public class ExerciseRules {

    public List<FieldViolation> violations(ExerciseDraft draft) {
        List<FieldViolation> violations = new ArrayList<>();
        if (draft.regions() != null
                && new HashSet<>(draft.regions()).size() != draft.regions().size()) {
            violations.add(new FieldViolation("regions", "each region at most once"));
        }
        if (draft.prescription() != null) {
            violations.addAll(prescriptionViolations("prescription", draft.prescription(), draft.measurement(), true));
        }
        return violations;
    }

    public void check(ExerciseDraft draft) {
        List<FieldViolation> violations = violations(draft);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * The ranges of a prescription; {@code complete} requires repsMin, repsMax and sets (an exercise's own), a
     * routine's override may leave any of them out.
     */
    public List<FieldViolation> prescriptionViolations(
            String field, Prescription p, Measurement measurement, boolean complete) {
        List<FieldViolation> violations = new ArrayList<>();
        if (measurement == Measurement.HOLD && complete && p.holdSeconds() == null) {
            violations.add(new FieldViolation(field + ".holdSeconds", "required for a HOLD exercise"));
        }
        if (measurement == Measurement.REPS && p.holdSeconds() != null) {
            violations.add(new FieldViolation(field + ".holdSeconds", "only HOLD exercises have a hold time"));
        }
        range(violations, field + ".holdSeconds", p.holdSeconds(), 1, MAX_HOLD_SECONDS, false);
        range(violations, field + ".repsMin", p.repsMin(), 1, MAX_REPS, complete);
        range(violations, field + ".repsMax", p.repsMax(), 1, MAX_REPS, complete);
        range(violations, field + ".sets", p.sets(), 1, MAX_SETS, complete);
        if (p.repsMin() != null && p.repsMax() != null && p.repsMin() > p.repsMax()) {
            violations.add(new FieldViolation(field + ".repsMax", "must be at least repsMin (" + p.repsMin() + ")"));
        }
        return violations;
    }

    private static void range(
            List<FieldViolation> violations, String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                violations.add(new FieldViolation(field, "required"));
            }
        } else if (value < min || value > max) {
            violations.add(new FieldViolation(field, "must be between " + min + " and " + max));
        }
    }
}
