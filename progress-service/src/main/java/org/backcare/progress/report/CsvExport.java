package org.backcare.progress.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.progress.query.ProgressReader;
import org.backcare.progress.query.ProgressReader.Exercise;
import org.backcare.progress.query.ProgressReader.ExerciseDay;
import org.backcare.progress.query.ProgressSummaries;

/** report.csv: one row per day, exercise and side in the window (RFC 4180, a header row, UTF-8). */
@ApplicationScoped
public class CsvExport {

    static final String HEADER =
            "date,exercise_id,exercise_slug,exercise,side,sets,hold_seconds,best_hold_seconds,average_hold_seconds,reps,best_reps,max_pain";

    private final ProgressReader reader;
    private final ProgressSummaries summaries;

    public CsvExport(ProgressReader reader, ProgressSummaries summaries) {
        this.reader = reader;
        this.summaries = summaries;
    }

    public String of(String userId, LocalDate from, LocalDate to) {
        List<ExerciseDay> rows = reader.exerciseDays(userId, from, to, null);
        Map<UUID, Exercise> exercises = summaries.exercises(
                rows.stream().map(ExerciseDay::exerciseId).distinct().toList());
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ExerciseDay r : rows) {
            Exercise e = exercises.get(r.exerciseId());
            csv.append(r.day())
                    .append(',')
                    .append(r.exerciseId())
                    .append(',')
                    .append(field(e == null ? "" : e.slug()))
                    .append(',')
                    .append(field(e == null ? "" : e.name()))
                    .append(',')
                    .append(r.side())
                    .append(',')
                    .append(r.sets())
                    .append(',')
                    .append(r.holdSeconds())
                    .append(',')
                    .append(r.bestHold() == null ? "" : r.bestHold())
                    .append(',')
                    .append(
                            r.holdSets() == 0
                                    ? ""
                                    : String.format(
                                            java.util.Locale.ROOT, "%.1f", (double) r.holdSeconds() / r.holdSets()))
                    .append(',')
                    .append(r.reps())
                    .append(',')
                    .append(r.bestReps() == null ? "" : r.bestReps())
                    .append(',')
                    .append(r.maxPain() == null ? "" : r.maxPain())
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** Quotes a field when it holds a comma, quote or line break; neutralises spreadsheet formulas. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
