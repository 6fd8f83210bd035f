package org.backcare.progress.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.RoutineEntry;
import org.backcare.progress.query.ProgressReader.Session;
import org.backcare.progress.query.ProgressReader.SetRow;

/**
 * Weekly adherence against what a routine prescribes per exercise: the one definition (the README's "Weekly
 * adherence"). An entry's effective prescription is its exercise's (exercise_ref) with the routine's non-null values
 * replacing its own. Per session of the routine, and on every side the exercise has (left and right when sided), the
 * entry asks for {@code repsMin × sets} holds of at least {@code holdSeconds} (a timed hold: the article's "hold 30
 * seconds, repeat 5 times") or {@code sets} sets of at least {@code repsMin} repetitions (missing values count as 1,
 * a missing hold time or repetition count as any). A set counts when it reaches that; shorter holds and fewer
 * repetitions do not count, and sets beyond what is asked count for nothing more. The week counts the routine's
 * {@code weeklyTarget} sessions of this week that did the most (more sessions than the target add nothing):
 * {@code setsDone} of {@code setsPrescribed = weeklyTarget × sets asked per session}, and their ratio. An entry whose
 * exercise the replica does not know (never published nor done) is left out until it is known.
 */
public final class PrescribedAdherence {

    private PrescribedAdherence() {}

    /** One entry on one side, with its effective prescription and what is asked of it per session. */
    private record Part(
            RoutineEntry entry, Exercise exercise, String side, Integer holdSeconds, Integer repsMin, int asked) {
        boolean hold() {
            return "HOLD".equals(exercise.measurement());
        }

        boolean counts(SetRow set) {
            if (!exercise.id().equals(set.exerciseId()) || !side.equals(set.side())) {
                return false;
            }
            Integer done = hold() ? set.holdSeconds() : set.reps();
            Integer target = hold() ? holdSeconds : repsMin;
            return done != null && (target == null ? done > 0 : done >= target);
        }
    }

    /**
     * The routine's week: {@code entries} are the routine's, {@code exercises} the replica's exercises by id,
     * {@code sessions} the user's sessions of this routine this week and {@code sets} their live sets.
     */
    public static Result of(
            int weeklyTarget,
            List<RoutineEntry> entries,
            Map<UUID, Exercise> exercises,
            List<Session> sessions,
            List<SetRow> sets) {
        List<Part> parts = new ArrayList<>();
        for (RoutineEntry entry : entries) {
            Exercise exercise = exercises.get(entry.exerciseId());
            if (exercise == null || exercise.measurement() == null) {
                continue;
            }
            Integer hold = entry.holdSeconds() != null ? entry.holdSeconds() : exercise.holdSeconds();
            Integer repsMin = entry.repsMin() != null ? entry.repsMin() : exercise.repsMin();
            int setsAsked = orOne(entry.sets() != null ? entry.sets() : exercise.sets());
            int asked = "HOLD".equals(exercise.measurement()) ? orOne(repsMin) * setsAsked : setsAsked;
            for (String side : exercise.sided() ? List.of("LEFT", "RIGHT") : List.of("")) {
                parts.add(new Part(entry, exercise, side, hold, repsMin, asked));
            }
        }
        Map<UUID, List<SetRow>> bySession = new HashMap<>();
        sets.forEach(s ->
                bySession.computeIfAbsent(s.sessionId(), k -> new ArrayList<>()).add(s));
        // per session, per part: the sets that count, up to what is asked
        Map<UUID, int[]> done = new HashMap<>();
        for (Session session : sessions) {
            List<SetRow> own = bySession.getOrDefault(session.sessionId(), List.of());
            int[] perPart = new int[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                perPart[i] = (int) Math.min(own.stream().filter(part::counts).count(), part.asked());
            }
            done.put(session.sessionId(), perPart);
        }
        List<Session> counted = sessions.stream()
                .sorted(Comparator.comparingInt((Session s) -> -sum(done.get(s.sessionId())))
                        .thenComparing(Session::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Session::sessionId))
                .limit(weeklyTarget)
                .toList();
        List<Progress.EntryWeek> perEntry = new ArrayList<>();
        int prescribed = 0;
        int doneTotal = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            int partDone = 0;
            for (Session session : counted) {
                partDone += done.get(session.sessionId())[i];
            }
            int partPrescribed = weeklyTarget * part.asked();
            prescribed += partPrescribed;
            doneTotal += partDone;
            perEntry.add(new Progress.EntryWeek(
                    part.entry().position(),
                    part.exercise().id(),
                    part.exercise().name(),
                    part.exercise().measurement(),
                    part.side().isEmpty() ? null : part.side(),
                    part.hold() ? part.holdSeconds() : null,
                    part.repsMin(),
                    part.asked(),
                    partPrescribed,
                    partDone));
        }
        return new Result(
                prescribed,
                doneTotal,
                prescribed == 0 ? null : ProgressSummaries.round2((double) doneTotal / prescribed),
                perEntry);
    }

    /** What the counted sessions did of what the routine asks for the week. */
    public record Result(int setsPrescribed, int setsDone, Double ratio, List<Progress.EntryWeek> entries) {}

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    private static int orOne(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }
}
