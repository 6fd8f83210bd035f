package org.backcare.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backcare.progress.query.NextTargets.Hint;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.Routine;
import org.backcare.progress.query.ProgressReader.Session;
import org.backcare.progress.query.ProgressReader.SetRow;

/** Builds a user's progress from the projections, reading only bounded windows (weeks, not a whole history). */
@ApplicationScoped
public class ProgressSummaries {

    /** The weekly target when the user follows no routine: three sessions a week. */
    public static final int DEFAULT_WEEKLY_TARGET = 3;

    /** Flags and hints look back this far. */
    public static final int RECENT_DAYS = 28;

    /** Hints consider the sessions of this window. */
    public static final int HINT_WINDOW_DAYS = 90;

    private final ProgressReader reader;
    private final Clock clock;
    private final Freshness freshness;

    public ProgressSummaries(ProgressReader reader, Clock clock, Freshness freshness) {
        this.reader = reader;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** The user's time zone: their latest session's, UTC before the first. */
    public ZoneId zone(String userId) {
        return reader.timeZone(userId).map(ZoneId::of).orElse(ZoneOffset.UTC);
    }

    public LocalDate today(String userId) {
        return LocalDate.now(clock.withZone(zone(userId)));
    }

    public Progress of(String userId) {
        ZoneId zone = zone(userId);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        ProgressReader.Totals totals = reader.totals(userId);
        return new Progress(
                userId,
                zone.getId(),
                today,
                new Progress.Totals(totals.sessions(), totals.sets(), totals.holdSeconds(), totals.reps()),
                streak(userId, today),
                week(userId, today),
                pain(userId, today),
                flags(userId, today),
                hints(userId, today),
                freshness.lastEventAt().orElse(null));
    }

    public Progress.Streak streak(String userId, LocalDate today) {
        Optional<ProgressReader.Run> latest = reader.latestRun(userId);
        int longest = reader.longestRun(userId).map(ProgressReader.Run::days).orElse(0);
        if (latest.isEmpty()) {
            return new Progress.Streak(0, 0, null, false);
        }
        ProgressReader.Run run = latest.get();
        boolean alive = !run.lastDay().isBefore(today.minusDays(1));
        return new Progress.Streak(
                alive ? run.days() : 0, longest, run.lastDay(), run.lastDay().equals(today));
    }

    public Progress.Week week(String userId, LocalDate today) {
        LocalDate start = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate end = start.plusDays(6);
        List<Session> recent = reader.sessions(userId, today.minusDays(RECENT_DAYS - 1L), end);
        List<Session> thisWeek =
                recent.stream().filter(s -> !s.day().isBefore(start)).toList();
        List<UUID> routineIds = recent.stream()
                .map(Session::routineId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<UUID, Routine> routines =
                reader.routines(routineIds).stream().collect(Collectors.toMap(Routine::id, Function.identity()));
        int target =
                routines.values().stream().mapToInt(Routine::weeklyTarget).max().orElse(DEFAULT_WEEKLY_TARGET);
        // the highest target; between equal ones, the routine followed last, then the first slug: one answer always
        Map<UUID, OffsetDateTime> lastFollowed = recent.stream()
                .filter(s -> s.routineId() != null)
                .collect(Collectors.toMap(Session::routineId, Session::startedAt, (a, b) -> a.isAfter(b) ? a : b));
        Routine targetRoutine = routines.values().stream()
                .max(Comparator.comparingInt(Routine::weeklyTarget)
                        .thenComparing(r -> lastFollowed.get(r.id()), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Routine::slug, Comparator.reverseOrder()))
                .orElse(null);
        String source = targetRoutine == null ? "DEFAULT" : "ROUTINE:" + targetRoutine.slug();
        List<ProgressReader.RoutineEntry> entries = reader.routineEntries(List.copyOf(routines.keySet()));
        Map<UUID, Exercise> exercises = exercises(entries.stream()
                .map(ProgressReader.RoutineEntry::exerciseId)
                .distinct()
                .toList());
        List<SetRow> routineSets = reader.setsOfSessions(
                userId,
                thisWeek.stream()
                        .filter(s -> s.routineId() != null)
                        .map(Session::sessionId)
                        .toList());
        List<Progress.RoutineWeek> perRoutine = new ArrayList<>();
        Double prescribedAdherence = null;
        for (Routine routine : routines.values()) {
            List<Session> sessions = thisWeek.stream()
                    .filter(s -> routine.id().equals(s.routineId()))
                    .toList();
            int done = sessions.size();
            PrescribedAdherence.Result prescribed = PrescribedAdherence.of(
                    routine.weeklyTarget(),
                    entries.stream()
                            .filter(e -> routine.id().equals(e.routineId()))
                            .toList(),
                    exercises,
                    sessions,
                    routineSets);
            perRoutine.add(new Progress.RoutineWeek(
                    routine.id(),
                    routine.name(),
                    done,
                    routine.weeklyTarget(),
                    ratio(done, routine.weeklyTarget()),
                    prescribed.setsPrescribed(),
                    prescribed.setsDone(),
                    prescribed.ratio(),
                    prescribed.entries()));
            if (routine == targetRoutine) {
                prescribedAdherence = prescribed.ratio();
            }
        }
        perRoutine.sort(Comparator.comparing(Progress.RoutineWeek::name));
        int activeDays = (int) reader.days(userId, start, end).stream()
                .filter(d -> d.sets() > 0)
                .count();
        return new Progress.Week(
                start,
                end,
                thisWeek.size(),
                activeDays,
                target,
                source,
                ratio(thisWeek.size(), target),
                perRoutine,
                prescription(userId, start, end),
                prescribedAdherence);
    }

    private Progress.Prescription prescription(String userId, LocalDate from, LocalDate to) {
        List<SetRow> sets = reader.sets(userId, from, to);
        Map<UUID, Exercise> exercises =
                exercises(sets.stream().map(SetRow::exerciseId).distinct().toList());
        int withTarget = 0;
        int meeting = 0;
        for (SetRow set : sets) {
            Exercise exercise = exercises.get(set.exerciseId());
            boolean hold = exercise == null ? set.holdSeconds() != null : "HOLD".equals(exercise.measurement());
            Integer target = hold
                    ? (set.targetHoldSeconds() != null
                            ? set.targetHoldSeconds()
                            : exercise == null ? null : exercise.holdSeconds())
                    : (set.targetReps() != null ? set.targetReps() : exercise == null ? null : exercise.repsMin());
            if (target == null) {
                continue;
            }
            withTarget++;
            Integer done = hold ? set.holdSeconds() : set.reps();
            if (done != null && done >= target) {
                meeting++;
            }
        }
        return new Progress.Prescription(
                withTarget, meeting, withTarget == 0 ? null : round2((double) meeting / withTarget));
    }

    public Progress.PainTrend pain(String userId, LocalDate today) {
        LocalDate lastFrom = today.minusDays(RECENT_DAYS - 1L);
        LocalDate previousFrom = today.minusDays(2L * RECENT_DAYS - 1);
        List<Session> sessions = reader.sessions(userId, previousFrom, today);
        List<Session> last =
                sessions.stream().filter(s -> !s.day().isBefore(lastFrom)).toList();
        List<Session> previous =
                sessions.stream().filter(s -> s.day().isBefore(lastFrom)).toList();
        Double beforeLast = average(last.stream().map(Session::painBefore).toList());
        Double beforePrevious =
                average(previous.stream().map(Session::painBefore).toList());
        Double afterLast = average(last.stream().map(Session::painAfter).toList());
        Double change = average(last.stream()
                .filter(s -> s.painBefore() != null && s.painAfter() != null)
                .map(s -> s.painAfter() - s.painBefore())
                .toList());
        String trend;
        if (beforeLast == null || beforePrevious == null) {
            trend = "UNKNOWN";
        } else if (beforeLast - beforePrevious <= -1) {
            trend = "IMPROVING";
        } else if (beforeLast - beforePrevious >= 1) {
            trend = "WORSENING";
        } else {
            trend = "STABLE";
        }
        List<Progress.SessionPain> recent = new ArrayList<>();
        for (int i = sessions.size() - 1; i >= 0 && recent.size() < 5; i--) {
            Session s = sessions.get(i);
            if (s.painBefore() != null || s.painAfter() != null) {
                recent.add(new Progress.SessionPain(s.sessionId(), s.day(), s.painBefore(), s.painAfter()));
            }
        }
        return new Progress.PainTrend(trend, beforeLast, beforePrevious, afterLast, change, recent);
    }

    public List<Progress.Flag> flags(String userId, LocalDate today) {
        ZoneId zone = zone(userId);
        var flags = reader.flags(
                userId, today.minusDays(RECENT_DAYS - 1L).atStartOfDay(zone).toOffsetDateTime(), 20);
        Map<UUID, Exercise> exercises = exercises(flags.stream()
                .map(ProgressReader.Flag::exerciseId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        return flags.stream()
                .map(f -> {
                    String name = f.exerciseId() == null || !exercises.containsKey(f.exerciseId())
                            ? null
                            : exercises.get(f.exerciseId()).name();
                    String message = "HIGH_PAIN".equals(f.kind())
                            ? "On %s you rated pain %d of 10 during %s. Stop an exercise that hurts: it should never strain or cause pain."
                                    .formatted(f.day(), f.pain(), name == null ? "a set" : name)
                            : "On %s your pain rose from %d to %d within one session. Ease off, move slowly, and talk to a professional if it keeps happening."
                                    .formatted(f.day(), f.painFrom(), f.pain());
                    return new Progress.Flag(
                            f.kind(),
                            f.day(),
                            f.occurredAt(),
                            f.pain(),
                            f.painFrom(),
                            f.sessionId(),
                            f.setId(),
                            f.exerciseId(),
                            name,
                            message);
                })
                .toList();
    }

    public List<Hint> hints(String userId, LocalDate today) {
        List<UUID> recentExercises =
                reader.exerciseDays(userId, today.minusDays(RECENT_DAYS - 1L), today, null).stream()
                        .map(ProgressReader.ExerciseDay::exerciseId)
                        .distinct()
                        .toList();
        List<Hint> hints = new ArrayList<>();
        for (Exercise exercise : exercises(recentExercises).values()) {
            hint(userId, exercise, today).ifPresent(hints::add);
        }
        hints.sort(Comparator.comparing(Hint::exerciseName));
        return hints;
    }

    public Optional<Hint> hint(String userId, Exercise exercise, LocalDate today) {
        List<SetRow> sets = reader.lastSessionsWith(
                userId, exercise.id(), today.minusDays(HINT_WINDOW_DAYS - 1L), NextTargets.SESSIONS);
        return NextTargets.of(exercise, sets);
    }

    public Map<UUID, Exercise> exercises(List<UUID> ids) {
        Map<UUID, Exercise> byId = new LinkedHashMap<>();
        reader.exercises(ids).forEach(e -> byId.put(e.id(), e));
        return byId;
    }

    static double ratio(int done, int target) {
        return target == 0 ? 0 : round2((double) done / target);
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static Double average(List<Integer> values) {
        var present = values.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return null;
        }
        return round2(present.stream().mapToInt(Integer::intValue).average().orElseThrow());
    }
}
