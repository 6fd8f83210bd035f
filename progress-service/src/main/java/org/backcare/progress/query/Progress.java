package org.backcare.progress.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.query.NextTargets.Hint;

/**
 * A user's progress as /progress/me shows it (docs/architecture.md's shape, with more fields); {@code lastEventAt}
 * is how fresh it is: the time the last event was applied (null before the first).
 */
public record Progress(
        String userId,
        String timeZone,
        LocalDate today,
        Totals totals,
        Streak streak,
        Week week,
        PainTrend pain,
        List<Flag> flags,
        List<Hint> hints,
        Instant lastEventAt) {

    public record Totals(long sessions, long sets, long holdSeconds, long reps) {}

    /** Consecutive days with at least one set, in the user's time zone; today still counts until it is over. */
    public record Streak(int current, int longest, LocalDate lastActiveDay, boolean activeToday) {}

    /**
     * This week (Monday to Sunday) against the weekly target: the largest weekly target of the routines followed in
     * the last 4 weeks, or {@link ProgressSummaries#DEFAULT_WEEKLY_TARGET} without one; and how many sets met their
     * target.
     */
    public record Week(
            LocalDate weekStart,
            LocalDate weekEnd,
            int sessions,
            int activeDays,
            int target,
            String targetSource,
            double adherence,
            List<RoutineWeek> routines,
            Prescription prescription) {}

    public record RoutineWeek(UUID routineId, String name, int sessions, int weeklyTarget, double adherence) {}

    /** Sets this week with a known target (the set's own, or the exercise's prescription), and those that met it. */
    public record Prescription(int setsWithTarget, int setsMeetingTarget, Double ratio) {}

    /**
     * Pain before the sessions of the last 4 weeks against the 4 weeks before (IMPROVING when it fell by at least 1
     * point, WORSENING when it rose by 1 or more, STABLE between, UNKNOWN without readings in both), the average
     * change within a session, and the latest sessions' readings.
     */
    public record PainTrend(
            String trend,
            Double averageBeforeLast4Weeks,
            Double averageBeforePrevious4Weeks,
            Double averageAfterLast4Weeks,
            Double averageChangeWithinSession,
            List<SessionPain> recent) {}

    public record SessionPain(UUID sessionId, LocalDate day, Integer before, Integer after) {}

    public record Flag(
            String kind,
            LocalDate day,
            OffsetDateTime occurredAt,
            int pain,
            Integer painFrom,
            UUID sessionId,
            UUID setId,
            UUID exerciseId,
            String exerciseName,
            String message) {}
}
