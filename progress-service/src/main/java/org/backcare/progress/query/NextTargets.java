package org.backcare.progress.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.SetRow;

/**
 * Next-target hints. The prescription counts as met in a session when, on every side the exercise has, enough
 * sets reached their target: for a timed hold, {@code repsMin} holds (the article: hold 30 seconds, repeat 5 to 10
 * times) of at least the set's target or the prescribed seconds; for repetitions, {@code sets} sets of at least
 * the set's target or {@code repsMin} repetitions. After {@link #SESSIONS} consecutive sessions with the
 * prescription met, the hint proposes one small step, never beyond the prescription's upper end: a strength hold
 * shorter than 30 s grows by 5 s toward 30 s; then holds repeat one more time, up to {@code repsMax}; repetitions
 * grow by 2 up to {@code repsMax}. At the top it says to keep going as is: the article says never to strain.
 */
public final class NextTargets {

    /** N: consecutive sessions with the prescription met before a hint proposes a step. */
    public static final int SESSIONS = 3;

    /** The article's hold for stretches: where strength holds build toward. */
    public static final int FULL_HOLD_SECONDS = 30;

    public static final int HOLD_STEP_SECONDS = 5;
    public static final int REPS_STEP = 2;

    private NextTargets() {}

    /** What was met, and what to try next. */
    public record Hint(
            UUID exerciseId,
            String exerciseName,
            String kind,
            int sessions,
            Integer currentHoldSeconds,
            Integer currentReps,
            Integer currentRepetitions,
            Integer nextHoldSeconds,
            Integer nextReps,
            Integer nextRepetitions,
            String message) {}

    /** The hint for an exercise from the sets of the user's latest sessions with it (newest session first). */
    public static Optional<Hint> of(Exercise exercise, List<SetRow> latestSessionsSets) {
        Map<UUID, List<SetRow>> bySession = new LinkedHashMap<>();
        latestSessionsSets.forEach(set -> bySession
                .computeIfAbsent(set.sessionId(), k -> new ArrayList<>())
                .add(set));
        if (bySession.size() < SESSIONS) {
            return Optional.empty();
        }
        boolean hold = "HOLD".equals(exercise.measurement());
        List<String> sides = exercise.sided() ? List.of("LEFT", "RIGHT") : List.of("");
        int required = hold ? orOne(exercise.repsMin()) : orOne(exercise.sets());
        int lowestTarget = Integer.MAX_VALUE;
        int fewestMeeting = Integer.MAX_VALUE;
        int lowestBest = Integer.MAX_VALUE;
        for (List<SetRow> sets : bySession.values().stream().limit(SESSIONS).toList()) {
            for (String side : sides) {
                int meeting = 0;
                int best = 0;
                for (SetRow set : sets) {
                    if (!side.equals(set.side())) {
                        continue;
                    }
                    Integer target = target(exercise, set);
                    Integer done = hold ? set.holdSeconds() : set.reps();
                    if (target == null) {
                        return Optional.empty();
                    }
                    lowestTarget = Math.min(lowestTarget, target);
                    if (done != null && done >= target) {
                        meeting++;
                        best = Math.max(best, done);
                    }
                }
                if (meeting < required) {
                    return Optional.empty();
                }
                fewestMeeting = Math.min(fewestMeeting, meeting);
                lowestBest = Math.min(lowestBest, best);
            }
        }
        String name = exercise.name();
        if (hold) {
            int held = Math.max(lowestTarget, lowestBest);
            if (held < FULL_HOLD_SECONDS) {
                int next = Math.min(held + HOLD_STEP_SECONDS, FULL_HOLD_SECONDS);
                return Optional.of(new Hint(
                        exercise.id(),
                        name,
                        "LONGER_HOLD",
                        SESSIONS,
                        held,
                        null,
                        fewestMeeting,
                        next,
                        null,
                        fewestMeeting,
                        "You held %s for %d s in each of your last %d sessions. Next: hold it for %d s. Build up slowly and never strain."
                                .formatted(name, held, SESSIONS, next)));
            }
            int most = exercise.repsMax() == null ? required : exercise.repsMax();
            if (fewestMeeting < most) {
                int next = fewestMeeting + 1;
                return Optional.of(new Hint(
                        exercise.id(),
                        name,
                        "MORE_REPETITIONS",
                        SESSIONS,
                        lowestTarget,
                        null,
                        fewestMeeting,
                        lowestTarget,
                        null,
                        next,
                        "You held %s for %d s %d times in each of your last %d sessions. Next: repeat it %d times, slowly and without bouncing."
                                .formatted(name, lowestTarget, fewestMeeting, SESSIONS, next)));
            }
            return Optional.of(keep(exercise, held, null, fewestMeeting));
        }
        int most = exercise.repsMax() == null ? lowestTarget : exercise.repsMax();
        int done = Math.max(lowestTarget, lowestBest);
        if (done < most) {
            int next = Math.min(done + REPS_STEP, most);
            return Optional.of(new Hint(
                    exercise.id(),
                    name,
                    "MORE_REPS",
                    SESSIONS,
                    null,
                    done,
                    fewestMeeting,
                    null,
                    next,
                    fewestMeeting,
                    "You did %s of %d %s in each of your last %d sessions. Next: %d repetitions a set, with control."
                            .formatted(
                                    fewestMeeting == 1 ? "a set" : fewestMeeting + " sets",
                                    done,
                                    name,
                                    SESSIONS,
                                    next)));
        }
        return Optional.of(keep(exercise, null, done, fewestMeeting));
    }

    private static Hint keep(Exercise exercise, Integer hold, Integer reps, int repetitions) {
        return new Hint(
                exercise.id(),
                exercise.name(),
                "KEEP",
                SESSIONS,
                hold,
                reps,
                repetitions,
                hold,
                reps,
                repetitions,
                "You meet the full prescription for %s in every one of your last %d sessions. Keep it there: more is not better, and the article says never to strain."
                        .formatted(exercise.name(), SESSIONS));
    }

    private static Integer target(Exercise exercise, SetRow set) {
        if ("HOLD".equals(exercise.measurement())) {
            return set.targetHoldSeconds() != null ? set.targetHoldSeconds() : exercise.holdSeconds();
        }
        return set.targetReps() != null ? set.targetReps() : exercise.repsMin();
    }

    private static int orOne(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }
}
