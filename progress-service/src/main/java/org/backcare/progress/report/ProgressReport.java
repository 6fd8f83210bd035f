package org.backcare.progress.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.backcare.progress.query.Progress;
import org.backcare.progress.query.ProgressHistory;
import org.backcare.progress.query.ProgressReader;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.ExerciseDay;
import org.backcare.progress.query.ProgressSummaries;
import org.backcare.progress.query.Region;

/**
 * The progress report's content: the summary, and charts over fixed windows (12 weeks of weekly figures, 52
 * weeks of days for the calendar, 4 weeks for balance), so its cost does not depend on how long the history is.
 */
@ApplicationScoped
public class ProgressReport {

    public static final int WEEKS = 12;
    public static final int CALENDAR_WEEKS = 53;
    static final int MAX_PROGRESSION_CHARTS = 4;
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private final ProgressSummaries summaries;
    private final ProgressHistory history;
    private final ProgressReader reader;
    private final Clock clock;

    public ProgressReport(ProgressSummaries summaries, ProgressHistory history, ProgressReader reader, Clock clock) {
        this.summaries = summaries;
        this.history = history;
        this.reader = reader;
        this.clock = clock;
    }

    /** A chart: its heading, the SVG, and a caption in words. */
    public record Chart(String id, String heading, String svg, String caption) {}

    /**
     * One week's row of the weekly table the report prints under the charts; a pain average is null when the week
     * has none (the page prints a dash as an entity, so that the page stays a Latin-1 string, cheaper to write).
     */
    public record WeekRow(
            LocalDate weekStart,
            int sessions,
            int activeDays,
            int sets,
            long holdMinutes,
            long reps,
            String painBefore,
            String painAfter) {}

    public record Report(
            Progress progress,
            String personName,
            OffsetDateTime generatedAt,
            LocalDate from,
            LocalDate to,
            List<WeekRow> weeks,
            List<Chart> charts,
            List<String> balanceMessages) {

        /** When the report was made, on the person's clock ("1 Dec 2026, 07:45"), not as an ISO stamp. */
        public String generatedAtText() {
            return generatedAt
                    .atZoneSameInstant(java.time.ZoneId.of(progress.timeZone()))
                    .format(java.time.format.DateTimeFormatter.ofPattern(
                            "d MMM yyyy, HH:mm", java.util.Locale.ENGLISH));
        }

        public String fromText() {
            return DAY.format(from);
        }

        public String toText() {
            return DAY.format(to);
        }

        public long holdMinutes() {
            return Math.round(progress.totals().holdSeconds() / 60.0);
        }

        public String painTrendWords() {
            return switch (progress.pain().trend()) {
                case "IMPROVING" -> "improving";
                case "WORSENING" -> "worsening";
                case "STABLE" -> "stable";
                default -> "not enough data";
            };
        }
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

    /** The report of a user, greeting them by {@code personName} (their name, never their id). */
    public Report of(String userId, String personName) {
        Progress progress = summaries.of(userId);
        LocalDate today = progress.today();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate from = weekStart.minusWeeks(WEEKS - 1L);
        List<ExerciseDay> rows = reader.exerciseDays(userId, from, today, null);
        Map<UUID, Exercise> exercises = summaries.exercises(
                rows.stream().map(ExerciseDay::exerciseId).distinct().toList());
        List<LocalDate> weekStarts = new ArrayList<>();
        for (LocalDate w = from; !w.isAfter(today); w = w.plusWeeks(1)) {
            weekStarts.add(w);
        }
        List<String> columns = weekStarts.stream().map(SHORT::format).toList();

        ProgressHistory.History weekly =
                history.history(userId, from, today, org.backcare.progress.query.Granularity.WEEK, null, null);
        List<WeekRow> weekRows = weekly.buckets().stream()
                .map(b -> new WeekRow(
                        b.start(),
                        b.sessions() == null ? 0 : b.sessions(),
                        b.activeDays(),
                        b.sets(),
                        Math.round(b.holdSeconds() / 60.0),
                        b.reps(),
                        b.averagePainBefore() == null ? null : Svg.fmt(b.averagePainBefore()),
                        b.averagePainAfter() == null ? null : Svg.fmt(b.averagePainAfter())))
                .toList();

        List<Chart> charts = new ArrayList<>();
        charts.addAll(holdProgression(rows, exercises, weekStarts, columns));
        charts.add(regionMinutes(rows, exercises, weekStarts, columns));
        charts.add(painTrend(weekly, columns));
        charts.add(calendar(userId, today));
        List<String> balanceMessages = new ArrayList<>();
        Chart balance = balance(userId, exercises, today, balanceMessages);
        if (balance != null) {
            charts.add(balance);
        }
        return new Report(
                progress, personName, OffsetDateTime.now(clock), from, today, weekRows, charts, balanceMessages);
    }

    private List<Chart> holdProgression(
            List<ExerciseDay> rows, Map<UUID, Exercise> exercises, List<LocalDate> weeks, List<String> columns) {
        Map<UUID, Integer> setsByExercise = new HashMap<>();
        rows.stream()
                .filter(r -> r.bestHold() != null)
                .forEach(r -> setsByExercise.merge(r.exerciseId(), r.sets(), Integer::sum));
        List<UUID> top = setsByExercise.entrySet().stream()
                .sorted(Map.Entry.<UUID, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(e -> e.getKey().toString()))
                .limit(MAX_PROGRESSION_CHARTS)
                .map(Map.Entry::getKey)
                .toList();
        List<Chart> charts = new ArrayList<>();
        for (UUID id : top) {
            Exercise exercise = exercises.get(id);
            String name = exercise == null ? id.toString() : exercise.name();
            Map<LocalDate, Integer> best = new HashMap<>();
            Map<LocalDate, long[]> avg = new HashMap<>();
            for (ExerciseDay r : rows) {
                if (!r.exerciseId().equals(id) || r.bestHold() == null) {
                    continue;
                }
                LocalDate w = r.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                best.merge(w, r.bestHold(), Math::max);
                long[] a = avg.computeIfAbsent(w, k -> new long[2]);
                a[0] += r.holdSeconds();
                a[1] += r.holdSets();
            }
            List<Double> bestSeries = weeks.stream()
                    .map(w -> best.containsKey(w) ? (double) best.get(w) : null)
                    .toList();
            List<Double> avgSeries = weeks.stream()
                    .map(w -> avg.containsKey(w) && avg.get(w)[1] > 0
                            ? Math.round(10.0 * avg.get(w)[0] / avg.get(w)[1]) / 10.0
                            : null)
                    .toList();
            double max = bestSeries.stream()
                    .filter(v -> v != null)
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(30);
            String slug = exercise == null ? id.toString() : exercise.slug();
            String description = "Weekly best and average hold for %s over the last %d weeks: %s."
                    .formatted(name, WEEKS, describe(columns, bestSeries, "s best"));
            charts.add(new Chart(
                    "hold-" + slug,
                    "Hold time: " + name,
                    Svg.lines(
                            "hold-" + slug,
                            "Hold time progression: " + name,
                            description,
                            columns,
                            List.of(
                                    new Svg.Series("best hold (s)", "circle", "none", bestSeries),
                                    new Svg.Series("average hold (s)", "square", "5 3", avgSeries)),
                            Math.max(max, 30),
                            "s"),
                    description));
        }
        return charts;
    }

    private Chart regionMinutes(
            List<ExerciseDay> rows, Map<UUID, Exercise> exercises, List<LocalDate> weeks, List<String> columns) {
        Map<Region, Map<LocalDate, Long>> seconds = new LinkedHashMap<>();
        for (Region region : Region.values()) {
            seconds.put(region, new HashMap<>());
        }
        for (ExerciseDay r : rows) {
            Exercise exercise = exercises.get(r.exerciseId());
            if (exercise == null || r.holdSeconds() == 0) {
                continue;
            }
            LocalDate w = r.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            for (String region : exercise.regions()) {
                try {
                    seconds.get(Region.valueOf(region)).merge(w, r.holdSeconds(), Long::sum);
                } catch (IllegalArgumentException unknownRegion) {
                    // a region this report does not know yet: left out of the grid
                }
            }
        }
        int cell = 44;
        int left = 100;
        int top = 24;
        int width = left + weeks.size() * cell + 10;
        int height = top + Region.values().length * 22 + 10;
        long max = seconds.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        StringBuilder totals = new StringBuilder();
        StringBuilder svg = new StringBuilder(Svg.open(
                "region-minutes",
                width,
                height,
                "Weekly minutes of holds per body region",
                "Minutes held per region and week over the last %d weeks; the number in each cell is the minutes."
                        .formatted(WEEKS)));
        for (int i = 0; i < weeks.size(); i++) {
            svg.append(Svg.text(left + i * cell + cell / 2.0, 16, "middle", "tick", columns.get(i)));
        }
        int row = 0;
        for (var entry : seconds.entrySet()) {
            double y = top + row * 22;
            String label = entry.getKey().name().replace('_', ' ').toLowerCase(Locale.ROOT);
            svg.append(Svg.text(left - 6, y + 15, "end", "label", label));
            long regionTotal = 0;
            for (int i = 0; i < weeks.size(); i++) {
                long s = entry.getValue().getOrDefault(weeks.get(i), 0L);
                regionTotal += s;
                double minutes = s / 60.0;
                int level = max == 0 || s == 0 ? 0 : (int) Math.ceil(4.0 * s / max);
                svg.append("<rect x=\"").append(left + i * cell);
                Svg.n(svg.append("\" y=\""), y);
                svg.append("\" width=\"").append(cell - 2).append("\" height=\"20\" class=\"cell level-");
                svg.append(level)
                        .append("\"><title>")
                        .append(label)
                        .append(", week of ")
                        .append(weeks.get(i));
                svg.append(": ").append(Svg.fmt(round1(minutes))).append(" min</title></rect>");
                if (s > 0) {
                    svg.append(Svg.text(
                            left + i * cell + cell / 2.0 - 1,
                            y + 14,
                            "middle",
                            "cell-value level-" + level,
                            Svg.fmt(round1(minutes))));
                }
            }
            if (regionTotal > 0) {
                totals.append(totals.isEmpty() ? "" : ", ")
                        .append(label)
                        .append(' ')
                        .append(Svg.fmt(round1(regionTotal / 60.0)))
                        .append(" min");
            }
            row++;
        }
        svg.append("</svg>");
        return new Chart(
                "region-minutes",
                "Weekly minutes per region",
                svg.toString(),
                totals.isEmpty()
                        ? "No holds in the last %d weeks.".formatted(WEEKS)
                        : "Minutes held in the last %d weeks: %s.".formatted(WEEKS, totals));
    }

    private Chart painTrend(ProgressHistory.History weekly, List<String> columns) {
        List<Double> before = weekly.buckets().stream()
                .map(ProgressHistory.Bucket::averagePainBefore)
                .toList();
        List<Double> after = weekly.buckets().stream()
                .map(ProgressHistory.Bucket::averagePainAfter)
                .toList();
        String description =
                "Average pain before and after sessions, 0 to 10, per week over the last %d weeks. Before: %s. After: %s."
                        .formatted(WEEKS, describe(columns, before, ""), describe(columns, after, ""));
        return new Chart(
                "pain-trend",
                "Pain before and after sessions",
                Svg.lines(
                        "pain-trend",
                        "Pain before and after sessions",
                        description,
                        columns,
                        List.of(
                                new Svg.Series("before (0-10)", "circle", "none", before),
                                new Svg.Series("after (0-10)", "square", "5 3", after)),
                        10,
                        ""),
                description);
    }

    private Chart calendar(String userId, LocalDate today) {
        LocalDate end = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        LocalDate start = end.minusWeeks(CALENDAR_WEEKS).plusDays(1);
        Map<LocalDate, Integer> sets = reader.days(userId, start, today).stream()
                .filter(d -> d.sets() > 0)
                .collect(Collectors.toMap(ProgressReader.Day::day, ProgressReader.Day::sets));
        int max = sets.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int cell = 12;
        int left = 30;
        int top = 18;
        int width = left + CALENDAR_WEEKS * cell + 10;
        int height = top + 7 * cell + 30;
        StringBuilder svg = new StringBuilder(Svg.open(
                "calendar",
                width,
                height,
                "Active days in the last year",
                "A square per day for the last %d weeks, a column per week starting Monday; larger, darker squares are days with more sets. %d active days."
                        .formatted(CALENDAR_WEEKS, sets.size())));
        String[] dayNames = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
        for (int d = 0; d < 7; d++) {
            svg.append(Svg.text(left - 4, top + d * cell + 9, "end", "tick", dayNames[d]));
        }
        LocalDate day = start;
        for (int week = 0; week < CALENDAR_WEEKS; week++) {
            if (day.getDayOfMonth() <= 7) {
                svg.append(Svg.text(left + week * cell, top - 6, "start", "tick", day.format(MONTH)));
            }
            for (int d = 0; d < 7; d++, day = day.plusDays(1)) {
                if (day.isAfter(today)) {
                    continue;
                }
                int count = sets.getOrDefault(day, 0);
                int level = count == 0 || max == 0 ? 0 : (int) Math.ceil(4.0 * count / max);
                double size = level == 0 ? 4 : 5 + level * 1.25;
                double x = left + week * cell + (cell - 2 - size) / 2;
                double y = top + d * cell + (cell - 2 - size) / 2;
                // appended, not formatted: a year of days is a few thousand numbers
                Svg.n(svg.append("<rect x=\""), x);
                Svg.n(svg.append("\" y=\""), y);
                Svg.n(svg.append("\" width=\""), size);
                Svg.n(svg.append("\" height=\""), size);
                svg.append("\" class=\"day level-").append(level).append('"');
                if (count > 0) {
                    svg.append(" data-active=\"true\"");
                }
                svg.append("><title>").append(day).append(": ").append(count).append(" sets</title></rect>");
            }
        }
        svg.append(Svg.text(
                left, height - 8, "start", "legend", "small square: no sets; larger and darker: more sets that day"));
        svg.append("</svg>");
        return new Chart(
                "calendar",
                "Active days",
                svg.toString(),
                "%d active days in the last %d weeks.".formatted(sets.size(), CALENDAR_WEEKS));
    }

    private Chart balance(String userId, Map<UUID, Exercise> exercises, LocalDate today, List<String> messages) {
        List<Svg.Bar> bars = new ArrayList<>();
        exercises.values().stream()
                .filter(Exercise::sided)
                .sorted(Comparator.comparing(Exercise::name))
                .forEach(exercise -> {
                    ProgressHistory.Balance balance = history.balance(userId, exercise, today);
                    boolean timed = "HOLD".equals(exercise.measurement());
                    long left = timed
                            ? balance.left().holdSeconds()
                            : balance.left().reps();
                    long right = timed
                            ? balance.right().holdSeconds()
                            : balance.right().reps();
                    if (left + right == 0) {
                        return;
                    }
                    String unit = timed ? " (s)" : " (reps)";
                    bars.add(new Svg.Bar(exercise.name() + ", left" + unit, left));
                    bars.add(new Svg.Bar(exercise.name() + ", right" + unit, right));
                    messages.add(balance.message());
                });
        if (bars.isEmpty()) {
            return null;
        }
        String description = "Left and right side over the last %d days: %s."
                .formatted(
                        ProgressHistory.BALANCE_DAYS,
                        bars.stream()
                                .map(b -> b.label() + " " + Svg.fmt(b.value()))
                                .collect(Collectors.joining(", ")));
        return new Chart(
                "balance",
                "Left and right balance",
                Svg.bars("balance", "Left and right balance", description, bars, ""),
                description);
    }

    private static String describe(List<String> columns, List<Double> values, String unit) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                parts.add("week of " + columns.get(i) + " " + Svg.fmt(values.get(i))
                        + (unit.isEmpty() ? "" : " " + unit));
            }
        }
        return parts.isEmpty() ? "no data yet" : String.join(", ", parts);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
