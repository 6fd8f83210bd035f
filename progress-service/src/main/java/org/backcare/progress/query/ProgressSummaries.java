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
import java.util.Collection;
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

    /**
     * The user's progress. Each window is read once and shared by the parts that need it (the sessions of the last
     * 8 weeks serve this week and the pain trend; an exercise is looked up once), so a read costs a fixed number of
     * queries whatever the user did: the hints' last sessions of every recent exercise come in one.
     */
    public Progress of(String userId) {
        ZoneId zone = zone(userId);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        ProgressReader.Totals totals = reader.totals(userId);
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate weekEnd = weekStart.plusDays(6);
        // the pain trend compares the last 4 weeks with the 4 before; this week may end after today
        List<Session> sessions = reader.sessions(userId, today.minusDays(2L * RECENT_DAYS - 1), weekEnd);
        ExerciseLookup exercises = new ExerciseLookup();
        return new Progress(
                userId,
                zone.getId(),
                today,
                new Progress.Totals(totals.sessions(), totals.sets(), totals.holdSeconds(), totals.reps()),
                streak(userId, today),
                week(userId, today, weekStart, weekEnd, sessions, exercises),
                pain(today, sessions),
                flags(userId, zone, today, exercises),
                hints(userId, today, exercises),
                freshness.lastEventAt().orElse(null));
    }

    /** Exercises looked up for one answer: each is read once however many parts of it name the exercise. */
    private final class ExerciseLookup {

        private final Map<UUID, Exercise> known = new LinkedHashMap<>();

        Map<UUID, Exercise> of(List<UUID> ids) {
            List<UUID> missing =
                    ids.stream().filter(id -> !known.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                known.putAll(exercises(missing));
                // an id the replica does not know is not asked for again
                missing.forEach(id -> known.putIfAbsent(id, null));
            }
            Map<UUID, Exercise> found = new LinkedHashMap<>();
            for (UUID id : ids) {
                Exercise exercise = known.get(id);
                if (exercise != null) {
                    found.putIfAbsent(id, exercise);
                }
            }
            return found;
        }
    }

    private Progress.Streak streak(String userId, LocalDate today) {
        ProgressReader.Runs runs = reader.runs(userId);
        Optional<ProgressReader.Run> latest = runs.latest();
        int longest = runs.longest().map(ProgressReader.Run::days).orElse(0);
        if (latest.isEmpty()) {
            return new Progress.Streak(0, 0, null, false);
        }
        ProgressReader.Run run = latest.get();
        boolean alive = !run.lastDay().isBefore(today.minusDays(1));
        return new Progress.Streak(
                alive ? run.days() : 0, longest, run.lastDay(), run.lastDay().equals(today));
    }

    private Progress.Week week(
            String userId,
            LocalDate today,
            LocalDate start,
            LocalDate end,
            List<Session> window,
            ExerciseLookup lookup) {
        LocalDate recentFrom = today.minusDays(RECENT_DAYS - 1L);
        List<Session> recent =
                window.stream().filter(s -> !s.day().isBefore(recentFrom)).toList();
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
        Map<UUID, Exercise> exercises = lookup.of(entries.stream()
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
                prescription(userId, start, end, lookup),
                prescribedAdherence);
    }

    private Progress.Prescription prescription(String userId, LocalDate from, LocalDate to, ExerciseLookup lookup) {
        List<SetRow> sets = reader.sets(userId, from, to);
        Map<UUID, Exercise> exercises =
                lookup.of(sets.stream().map(SetRow::exerciseId).distinct().toList());
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

    /** The pain trend from the sessions of the last 8 weeks up to today (later ones are left out). */
    private Progress.PainTrend pain(LocalDate today, List<Session> window) {
        LocalDate lastFrom = today.minusDays(RECENT_DAYS - 1L);
        List<Session> sessions =
                window.stream().filter(s -> !s.day().isAfter(today)).toList();
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

    private List<Progress.Flag> flags(String userId, ZoneId zone, LocalDate today, ExerciseLookup lookup) {
        var flags = reader.flags(
                userId, today.minusDays(RECENT_DAYS - 1L).atStartOfDay(zone).toOffsetDateTime(), 20);
        Map<UUID, Exercise> exercises = lookup.of(flags.stream()
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

    private List<Hint> hints(String userId, LocalDate today, ExerciseLookup lookup) {
        List<UUID> recentExercises =
                reader.exerciseDays(userId, today.minusDays(RECENT_DAYS - 1L), today, null).stream()
                        .map(ProgressReader.ExerciseDay::exerciseId)
                        .distinct()
                        .toList();
        List<Hint> hints = hints(userId, lookup.of(recentExercises).values(), today);
        hints.sort(Comparator.comparing(Hint::exerciseName));
        return hints;
    }

    /** The next-target hint for one exercise, if its last sessions give one. */
    public Optional<Hint> hint(String userId, Exercise exercise, LocalDate today) {
        return hints(userId, List.of(exercise), today).stream().findFirst();
    }

    /** The hints these exercises' last sessions give, in the order of the exercises, with one query for all. */
    private List<Hint> hints(String userId, Collection<Exercise> exercises, LocalDate today) {
        if (exercises.isEmpty()) {
            return new ArrayList<>();
        }
        Map<UUID, List<SetRow>> sets = reader.lastSessionsWith(
                userId,
                exercises.stream().map(Exercise::id).toList(),
                today.minusDays(HINT_WINDOW_DAYS - 1L),
                NextTargets.SESSIONS);
        List<Hint> hints = new ArrayList<>();
        for (Exercise exercise : exercises) {
            NextTargets.of(exercise, sets.getOrDefault(exercise.id(), List.of()))
                    .ifPresent(hints::add);
        }
        return hints;
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
