package org.backcare.progress.projection;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;

/** What one batch changed: the keys whose rollups are recomputed from the facts ({@link Scope#of}). */
public final class Touched {

    /** A user's day. */
    public record UserDay(String userId, LocalDate day) {}

    /** A user's exercise and side on a day. */
    public record ExerciseDay(String userId, UUID exerciseId, String side, LocalDate day) {}

    public final Set<UUID> sessions = new LinkedHashSet<>();
    public final Set<UserDay> days = new LinkedHashSet<>();
    public final Set<ExerciseDay> exerciseDays = new LinkedHashSet<>();
    public final Map<UUID, ExerciseSnapshot> exercises = new HashMap<>();

    public void day(String userId, LocalDate day) {
        days.add(new UserDay(userId, day));
    }

    public void exerciseDay(String userId, UUID exerciseId, String side, LocalDate day) {
        exerciseDays.add(new ExerciseDay(userId, exerciseId, side, day));
        day(userId, day);
    }
}
