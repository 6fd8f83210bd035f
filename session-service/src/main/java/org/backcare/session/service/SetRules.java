package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.backcare.domain.ConflictException;
import org.backcare.domain.InvalidInputException;
import org.backcare.domain.RuleViolationException;
import org.backcare.problem.FieldViolation;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.Measurement;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SetEntity;

/**
 * What makes a session or a set acceptable. Ranges (hold 1..600 s, reps 1..200, pain 0..10) are checked by the
 * request's bean validation; the rules that need the exercise or the session are here.
 */
@ApplicationScoped
public class SetRules {

    /**
     * A set with pain of this much or more is recorded (the person said so) and answered with the article's rule, so
     * every client can show it. The progress-service flags such a set with the same threshold ({@code PainFlags}).
     */
    public static final int PAIN_STOP_AT = 7;

    /** The article's rule, as the warning of a painful set says it. */
    public static final String NEVER_STRAIN = "Never strain or cause pain in a stretch by forcing your body into a"
            + " difficult position. Stop this exercise, ease off gently and do not bounce.";

    /** What a client should tell the person about a set: the article's rule when it hurt. */
    public static List<SetWarning> warningsFor(Integer pain) {
        return pain != null && pain >= PAIN_STOP_AT ? List.of(new SetWarning("never-strain", NEVER_STRAIN)) : List.of();
    }

    /** How far in the future a client clock may be: a phone a little ahead of the server is not an error. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    void checkStart(String timeZone, OffsetDateTime startedAt, OffsetDateTime now) {
        List<FieldViolation> violations = new ArrayList<>();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            violations.add(new FieldViolation("timeZone", "unknown IANA time zone '" + timeZone + "'"));
        }
        if (startedAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new FieldViolation("startedAt", "must not be in the future"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    void checkOpen(SessionEntity session) {
        if (session.status == SessionStatus.COMPLETED) {
            throw new ConflictException("session " + session.id + " is completed; it takes no more changes");
        }
    }

    /**
     * A correction changes what the set's exercise measures: seconds of a timed hold, repetitions of a REPS
     * exercise, and the pain; something must be given.
     */
    void checkCorrection(SetEntity set, Integer holdSeconds, Integer reps, Integer pain) {
        List<FieldViolation> violations = new ArrayList<>();
        if (holdSeconds == null && reps == null && pain == null) {
            throw new InvalidInputException(List.of(
                    new FieldViolation("holdSeconds", "give holdSeconds, reps or pain to correct"),
                    new FieldViolation("reps", "give holdSeconds, reps or pain to correct"),
                    new FieldViolation("pain", "give holdSeconds, reps or pain to correct")));
        }
        if (set.exerciseMeasurement == Measurement.HOLD && reps != null) {
            violations.add(
                    new FieldViolation("reps", "not allowed: " + set.exerciseSlug + " is measured in hold seconds"));
        }
        if (set.exerciseMeasurement == Measurement.REPS && holdSeconds != null) {
            violations.add(new FieldViolation(
                    "holdSeconds", "not allowed: " + set.exerciseSlug + " is measured in repetitions"));
        }
        if (!violations.isEmpty()) {
            throw new RuleViolationException("the correction does not fit the set's exercise", violations);
        }
    }

    void checkEnd(SessionEntity session, OffsetDateTime endedAt, OffsetDateTime now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (endedAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new FieldViolation("endedAt", "must not be in the future"));
        }
        if (endedAt.isBefore(session.startedAt)) {
            violations.add(new FieldViolation("endedAt", "must not be before the session started"));
        }
        session.sets.stream()
                .filter(set -> set.recordedAt.isAfter(endedAt))
                .findFirst()
                .ifPresent(set -> violations.add(new FieldViolation("endedAt", "must not be before its last set")));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    void checkSet(SessionEntity session, SetEntity set, ExerciseSnapshot exercise, OffsetDateTime now) {
        checkOpen(session);
        List<FieldViolation> violations = new ArrayList<>();
        if (exercise.measurement() == Measurement.HOLD) {
            if (set.reps != null) {
                violations.add(
                        new FieldViolation("reps", "not allowed: " + exercise.slug() + " is measured in hold seconds"));
            }
            if (set.holdSeconds == null) {
                violations.add(new FieldViolation("holdSeconds", "required: " + exercise.slug() + " is a timed hold"));
            }
            if (set.targetReps != null) {
                violations.add(new FieldViolation("targetReps", "not allowed for a timed hold"));
            }
        } else {
            if (set.holdSeconds != null) {
                violations.add(
                        new FieldViolation("holdSeconds", "not allowed: " + exercise.slug() + " is measured in reps"));
            }
            if (set.reps == null) {
                violations.add(new FieldViolation("reps", "required: " + exercise.slug() + " is measured in reps"));
            }
            if (set.targetHoldSeconds != null) {
                violations.add(new FieldViolation("targetHoldSeconds", "not allowed for reps"));
            }
        }
        if (exercise.sided() && set.side == null) {
            violations.add(
                    new FieldViolation("side", "required: " + exercise.slug() + " is logged per side (LEFT or RIGHT)"));
        }
        if (!exercise.sided() && set.side != null) {
            violations.add(new FieldViolation("side", "not allowed: " + exercise.slug() + " is not logged per side"));
        }
        if (set.recordedAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new FieldViolation("recordedAt", "must not be in the future"));
        }
        if (set.recordedAt.isBefore(session.startedAt)) {
            violations.add(new FieldViolation("recordedAt", "must not be before the session started"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
