package org.backcare.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.backcare.progress.query.NextTargets.Hint;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.ExerciseDay;

/** History in buckets, and one exercise's progression and left/right balance, from the daily rollups. */
@ApplicationScoped
public class ProgressHistory {

    /** Balance compares the sides over this many days. */
    public static final int BALANCE_DAYS = 28;

    /** Sides differing by more than this share are called out. */
    public static final double BALANCE_TOLERANCE = 0.10;

    private final ProgressReader reader;
    private final ProgressSummaries summaries;

    public ProgressHistory(ProgressReader reader, ProgressSummaries summaries) {
        this.reader = reader;
        this.summaries = summaries;
    }

    public record History(
            LocalDate from,
            LocalDate to,
            Granularity granularity,
            Region region,
            UUID exerciseId,
            List<Bucket> buckets) {}

    /**
     * One bucket. {@code sessions} and the pain averages describe whole sessions, so they are null when the
     * history is filtered by region or exercise.
     */
    public record Bucket(
            LocalDate start,
            LocalDate end,
            Integer sessions,
            int activeDays,
            int sets,
            long holdSeconds,
            long reps,
            Integer bestHoldSeconds,
            Double averageHoldSeconds,
            Integer bestReps,
            Double averagePainBefore,
            Double averagePainAfter) {}

    public History history(
            String userId, LocalDate from, LocalDate to, Granularity granularity, Region region, UUID exerciseId) {
        boolean filtered = region != null || exerciseId != null;
        List<ExerciseDay> rows = reader.exerciseDays(userId, from, to, exerciseId);
        if (region != null) {
            Map<UUID, Exercise> exercises = summaries.exercises(
                    rows.stream().map(ExerciseDay::exerciseId).distinct().toList());
            rows = rows.stream()
                    .filter(r -> exercises.containsKey(r.exerciseId())
                            && exercises.get(r.exerciseId()).regions().contains(region.name()))
                    .toList();
        }
        Map<LocalDate, Acc> buckets = new TreeMap<>();
        for (LocalDate start = granularity.startOf(from); !start.isAfter(to); start = granularity.next(start)) {
            buckets.put(start, new Acc());
        }
        for (ExerciseDay row : rows) {
            buckets.get(granularity.startOf(row.day())).add(row);
        }
        if (!filtered) {
            for (ProgressReader.Day day : reader.days(userId, from, to)) {
                buckets.get(granularity.startOf(day.day())).add(day);
            }
        }
        List<Bucket> result = new ArrayList<>();
        buckets.forEach((start, acc) -> {
            LocalDate first = start.isBefore(from) ? from : start;
            LocalDate last = granularity.next(start).minusDays(1);
            result.add(acc.bucket(first, last.isAfter(to) ? to : last, filtered));
        });
        return new History(from, to, granularity, region, exerciseId, result);
    }

    public record ExerciseProgress(
            Exercise exercise, LocalDate from, LocalDate to, List<Point> series, Balance balance, Hint hint) {}

    /** One day and side of the exercise; side is "" for an exercise that is not sided. */
    public record Point(
            LocalDate day,
            String side,
            int sets,
            long holdSeconds,
            Integer bestHoldSeconds,
            Double averageHoldSeconds,
            long reps,
            Integer bestReps,
            Integer maxPain) {}

    public record SideTotals(int sets, long holdSeconds, long reps, Integer bestHoldSeconds) {}

    /**
     * Left against right over the last {@link #BALANCE_DAYS} days, in hold seconds (timed holds) or repetitions;
     * {@code lowerSide} names the side that got less when they differ by more than 10 %.
     */
    public record Balance(
            LocalDate from,
            LocalDate to,
            SideTotals left,
            SideTotals right,
            Double leftToRight,
            String lowerSide,
            String message) {}

    public Optional<ExerciseProgress> exercise(String userId, UUID exerciseId, LocalDate from, LocalDate to) {
        if (!reader.hasDoneExercise(userId, exerciseId)) {
            return Optional.empty();
        }
        Exercise exercise = summaries.exercises(List.of(exerciseId)).get(exerciseId);
        if (exercise == null) {
            return Optional.empty();
        }
        List<Point> series = reader.exerciseDays(userId, from, to, exerciseId).stream()
                .map(r -> new Point(
                        r.day(),
                        r.side(),
                        r.sets(),
                        r.holdSeconds(),
                        r.bestHold(),
                        r.holdSets() == 0 ? null : ProgressSummaries.round2((double) r.holdSeconds() / r.holdSets()),
                        r.reps(),
                        r.bestReps(),
                        r.maxPain()))
                .toList();
        LocalDate today = summaries.today(userId);
        Balance balance = exercise.sided() ? balance(userId, exercise, today) : null;
        Hint hint = summaries.hint(userId, exercise, today).orElse(null);
        return Optional.of(new ExerciseProgress(exercise, from, to, series, balance, hint));
    }

    public Balance balance(String userId, Exercise exercise, LocalDate today) {
        LocalDate from = today.minusDays(BALANCE_DAYS - 1L);
        int[] sets = new int[2];
        long[] hold = new long[2];
        long[] reps = new long[2];
        Integer[] best = new Integer[2];
        for (ExerciseDay r : reader.exerciseDays(userId, from, today, exercise.id())) {
            int i = "LEFT".equals(r.side()) ? 0 : "RIGHT".equals(r.side()) ? 1 : -1;
            if (i < 0) {
                continue;
            }
            sets[i] += r.sets();
            hold[i] += r.holdSeconds();
            reps[i] += r.reps();
            if (r.bestHold() != null && (best[i] == null || r.bestHold() > best[i])) {
                best[i] = r.bestHold();
            }
        }
        boolean timed = "HOLD".equals(exercise.measurement());
        long left = timed ? hold[0] : reps[0];
        long right = timed ? hold[1] : reps[1];
        Double ratio = right == 0 ? null : ProgressSummaries.round2((double) left / right);
        String lower = null;
        String unit = timed ? "seconds held" : "repetitions";
        String message;
        if (left == 0 && right == 0) {
            message = "No sets of %s in the last %d days.".formatted(exercise.name(), BALANCE_DAYS);
        } else if (Math.abs(left - right) > BALANCE_TOLERANCE * Math.max(left, right)) {
            lower = left < right ? "LEFT" : "RIGHT";
            message =
                    "Your %s side got less of %s in the last %d days (%d against %d %s). Give it the same time, gently."
                            .formatted(
                                    lower.toLowerCase(),
                                    exercise.name(),
                                    BALANCE_DAYS,
                                    Math.min(left, right),
                                    Math.max(left, right),
                                    unit);
        } else {
            message = "Left and right are in balance for %s (%d and %d %s in the last %d days)."
                    .formatted(exercise.name(), left, right, unit, BALANCE_DAYS);
        }
        return new Balance(
                from,
                today,
                new SideTotals(sets[0], hold[0], reps[0], best[0]),
                new SideTotals(sets[1], hold[1], reps[1], best[1]),
                ratio,
                lower,
                message);
    }

    private static final class Acc {
        int sessions;
        final java.util.Set<LocalDate> activeDays = new java.util.HashSet<>();
        int sets;
        int holdSets;
        long holdSeconds;
        long reps;
        Integer bestHold;
        Integer bestReps;
        int painBeforeSum;
        int painBeforeCount;
        int painAfterSum;
        int painAfterCount;

        void add(ExerciseDay row) {
            if (row.sets() > 0) {
                activeDays.add(row.day());
            }
            sets += row.sets();
            holdSets += row.holdSets();
            holdSeconds += row.holdSeconds();
            reps += row.reps();
            bestHold = max(bestHold, row.bestHold());
            bestReps = max(bestReps, row.bestReps());
        }

        void add(ProgressReader.Day day) {
            sessions += day.sessions();
            painBeforeSum += day.painBeforeSum();
            painBeforeCount += day.painBeforeCount();
            painAfterSum += day.painAfterSum();
            painAfterCount += day.painAfterCount();
        }

        Bucket bucket(LocalDate start, LocalDate end, boolean filtered) {
            return new Bucket(
                    start,
                    end,
                    filtered ? null : sessions,
                    activeDays.size(),
                    sets,
                    holdSeconds,
                    reps,
                    bestHold,
                    holdSets == 0 ? null : ProgressSummaries.round2((double) holdSeconds / holdSets),
                    bestReps,
                    filtered || painBeforeCount == 0
                            ? null
                            : ProgressSummaries.round2((double) painBeforeSum / painBeforeCount),
                    filtered || painAfterCount == 0
                            ? null
                            : ProgressSummaries.round2((double) painAfterSum / painAfterCount));
        }

        private static Integer max(Integer a, Integer b) {
            if (a == null) {
                return b;
            }
            return b == null ? a : Integer.valueOf(Math.max(a, b));
        }
    }
}
