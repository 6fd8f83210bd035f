package org.backcare.progress.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.query.NextTargets.Hint;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
     * the last 4 weeks, or {@link ProgressSummaries#DEFAULT_WEEKLY_TARGET} without one; how many sets met their
     * target; and, per routine, what was done of what it prescribes per exercise ({@link PrescribedAdherence}).
     * {@code prescribedAdherence} is that ratio for the routine that sets the target (null without a routine).
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
            Prescription prescription,

            @Schema(
                    description =
                            "sets done of those the target-setting routine prescribes for the week (per exercise and side, at most weeklyTarget sessions); null without a routine or with none of its exercises known",
                    nullable = true)
            Double prescribedAdherence) {}

    /**
     * A routine this week: its sessions against its weekly target ({@code adherence}), and the sets its
     * prescription asks for in {@code weeklyTarget} sessions against those done ({@code prescribedAdherence}, null
     * when none of its exercises is known yet), per entry and side.
     */
    public record RoutineWeek(
            UUID routineId,
            String name,
            int sessions,
            int weeklyTarget,

            @Schema(description = "sessions of this routine this week against its weeklyTarget")
            double adherence,

            @Schema(
                    description =
                            "sets that count asked by the routine's entries, on every side, in weeklyTarget sessions")
            int setsPrescribed,

            @Schema(
                    description =
                            "sets that counted in the weeklyTarget sessions that did the most, at most those asked")
            int setsDone,

            @Schema(
                    description = "setsDone / setsPrescribed; null when none of its exercises is known",
                    nullable = true)
            Double prescribedAdherence,

            @Schema(description = "per entry and side, in position order")
            List<EntryWeek> entries) {}

    /**
     * One entry of a routine on one side ({@code side} null when the exercise is not sided): its effective
     * prescription ({@code holdSeconds} for holds, {@code repsMin}: repetitions of the hold, or per set), the sets that
     * count asked per session, asked this week and done this week (at most {@code setsPerSession} per session).
     */
    public record EntryWeek(
            int position,
            UUID exerciseId,
            String exerciseName,
            @Schema(enumeration = {"HOLD", "REPS"}) String measurement,

            @Schema(description = "LEFT or RIGHT; null when the exercise is not sided", nullable = true)
            String side,

            @Schema(description = "a hold counts from this many seconds (HOLD only)", nullable = true)
            Integer holdSeconds,

            @Schema(description = "repetitions of the hold (HOLD) or per set (REPS)", nullable = true)
            Integer repsMin,

            @Schema(description = "sets that count asked per session: repsMin × sets holds, or sets sets")
            int setsPerSession,

            int setsPrescribed,

            @Schema(description = "at most setsPerSession per counted session")
            int setsDone) {}

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
