package org.backcare.progress.projection;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;

/**
 * What one batch changed: the keys whose rollups are recomputed from the facts ({@link Scope#of}), and the sets it
 * appended (new sets, recorded and not since corrected or deleted in the batch), which the rollups that can merge
 * ({@link Rollups.MergingRollup}) add to their rows instead of recomputing the sets' keys.
 */
public final class Touched {

    /** A user's day. */
    public record UserDay(String userId, LocalDate day) {}

    /** A user's exercise and side on a day. */
    public record ExerciseDay(String userId, UUID exerciseId, String side, LocalDate day) {}

    public final Set<UUID> sessions = new LinkedHashSet<>();
    public final Set<UserDay> days = new LinkedHashSet<>();
    public final Set<ExerciseDay> exerciseDays = new LinkedHashSet<>();
    public final Map<UUID, ExerciseSnapshot> exercises = new HashMap<>();

    /** The new sets' ids, and their keys. */
    final Set<UUID> appendedSets = new LinkedHashSet<>();

    final Set<UUID> appendedSessions = new LinkedHashSet<>();
    final Set<UserDay> appendedDays = new LinkedHashSet<>();
    final Set<ExerciseDay> appendedExerciseDays = new LinkedHashSet<>();

    public void day(String userId, LocalDate day) {
        days.add(new UserDay(userId, day));
    }

    public void exerciseDay(String userId, UUID exerciseId, String side, LocalDate day) {
        exerciseDays.add(new ExerciseDay(userId, exerciseId, side, day));
        day(userId, day);
    }

    /** A set the batch inserted: its rollups merge it unless a correction or deletion recomputes its keys. */
    public void appended(UUID setId, UUID sessionId, String userId, UUID exerciseId, String side, LocalDate day) {
        appendedSets.add(setId);
        appendedSessions.add(sessionId);
        appendedExerciseDays.add(new ExerciseDay(userId, exerciseId, side, day));
        appendedDays.add(new UserDay(userId, day));
    }

    /** The keys to recompute, those of the appended sets included: for the rollups that do not merge. */
    Touched withAppendedKeys() {
        if (appendedSets.isEmpty()) {
            return this;
        }
        Touched all = new Touched();
        all.sessions.addAll(sessions);
        all.sessions.addAll(appendedSessions);
        all.days.addAll(days);
        all.days.addAll(appendedDays);
        all.exerciseDays.addAll(exerciseDays);
        all.exerciseDays.addAll(appendedExerciseDays);
        return all;
    }
}
