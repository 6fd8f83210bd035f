package org.backcare.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.backcare.progress.jdbc.Jdbc;

/**
 * Reads the projections. Every query is bounded by a user and a window of days (or a LIMIT), served by an index
 * that starts with the user: none of them reads a user's whole history.
 */
@ApplicationScoped
public class ProgressReader {

    private final Jdbc jdbc;

    public ProgressReader(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Totals(long sessions, long sets, long holdSeconds, long reps) {
        public static final Totals NONE = new Totals(0, 0, 0, 0);
    }

    public record Run(LocalDate firstDay, LocalDate lastDay, int days) {}

    /** The latest run of active days and the longest. */
    public record Runs(Optional<Run> latest, Optional<Run> longest) {}

    public record Exercise(
            UUID id,
            String slug,
            String name,
            List<String> regions,
            String measurement,
            boolean sided,
            String kind,
            Integer holdSeconds,
            Integer repsMin,
            Integer repsMax,
            Integer sets) {}

    public record Day(
            LocalDate day,
            int sessions,
            int sets,
            long holdSeconds,
            long reps,
            long durationSeconds,
            int painBeforeSum,
            int painBeforeCount,
            int painAfterSum,
            int painAfterCount) {}

    public record ExerciseDay(
            UUID exerciseId,
            String side,
            LocalDate day,
            int sets,
            int holdSets,
            long holdSeconds,
            Integer bestHold,
            long reps,
            Integer bestReps,
            int painSum,
            int painCount,
            Integer maxPain) {}

    public record Session(
            UUID sessionId,
            UUID routineId,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            String timeZone,
            LocalDate day,
            Integer painBefore,
            Integer painAfter,
            boolean completed,
            int sets,
            long holdSeconds,
            long reps) {}

    public record SetRow(
            UUID sessionId,
            UUID exerciseId,
            String side,
            LocalDate day,
            OffsetDateTime recordedAt,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps) {}

    public record Flag(
            String kind,
            LocalDate day,
            OffsetDateTime occurredAt,
            int pain,
            Integer painFrom,
            UUID sessionId,
            UUID setId,
            UUID exerciseId) {}

    public record Routine(UUID id, String slug, String name, int weeklyTarget, String status) {}

    /** A routine's step with the prescription values the routine overrides (null: the exercise's own applies). */
    public record RoutineEntry(
            UUID routineId,
            int position,
            UUID exerciseId,
            Integer holdSeconds,
            Integer repsMin,
            Integer repsMax,
            Integer sets) {}

    public Totals totals(String userId) {
        return query(
                        "select sessions, sets, hold_seconds, reps from user_totals where user_id = ?",
                        s -> s.setString(1, userId),
                        rs -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .stream()
                .findFirst()
                .orElse(Totals.NONE);
    }

    public Optional<String> timeZone(String userId) {
        return query(
                        "select time_zone from user_profile where user_id = ?",
                        s -> s.setString(1, userId),
                        rs -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /**
     * The run of active days that ends latest and the longest (the later of equally long ones), in one query; both
     * empty before the first set.
     */
    public Runs runs(String userId) {
        Optional<Run> latest = Optional.empty();
        Optional<Run> longest = Optional.empty();
        for (var row : query(
                """
                (select true, first_day, last_day, days from active_run where user_id = ?
                 order by last_day desc limit 1)
                union all
                (select false, first_day, last_day, days from active_run where user_id = ?
                 order by days desc, last_day desc limit 1)""",
                s -> {
                    s.setString(1, userId);
                    s.setString(2, userId);
                },
                rs -> Map.entry(
                        rs.getBoolean(1),
                        new Run(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class), rs.getInt(4))))) {
            if (row.getKey()) {
                latest = Optional.of(row.getValue());
            } else {
                longest = Optional.of(row.getValue());
            }
        }
        return new Runs(latest, longest);
    }

    public List<Day> days(String userId, LocalDate from, LocalDate to) {
        return query(
                """
                select local_day, sessions, sets, hold_seconds, reps, duration_seconds, pain_before_sum,
                       pain_before_count, pain_after_sum, pain_after_count
                from daily_activity where user_id = ? and local_day between ? and ? order by local_day""",
                s -> {
                    s.setString(1, userId);
                    s.setObject(2, from);
                    s.setObject(3, to);
                },
                rs -> new Day(
                        rs.getObject(1, LocalDate.class),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10)));
    }

    /** The daily rollups in the window; {@code exerciseId} null for every exercise. */
    public List<ExerciseDay> exerciseDays(String userId, LocalDate from, LocalDate to, UUID exerciseId) {
        String sql =
                """
                select exercise_id, side, local_day, sets, hold_sets, hold_seconds, best_hold, reps, best_reps,
                       pain_sum, pain_count, max_pain
                from daily_exercise where user_id = ? and local_day between ? and ?""" + (exerciseId == null ? "" : " and exercise_id = ?") + " order by local_day, exercise_id, side";
        return query(
                sql,
                s -> {
                    s.setString(1, userId);
                    s.setObject(2, from);
                    s.setObject(3, to);
                    if (exerciseId != null) {
                        s.setObject(4, exerciseId);
                    }
                },
                rs -> new ExerciseDay(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getLong(6),
                        integer(rs, 7),
                        rs.getLong(8),
                        integer(rs, 9),
                        rs.getInt(10),
                        rs.getInt(11),
                        integer(rs, 12)));
    }

    public boolean hasDoneExercise(String userId, UUID exerciseId) {
        return !query(
                        "select 1 from daily_exercise where user_id = ? and exercise_id = ? limit 1",
                        s -> {
                            s.setString(1, userId);
                            s.setObject(2, exerciseId);
                        },
                        rs -> 1)
                .isEmpty();
    }

    public List<Session> sessions(String userId, LocalDate from, LocalDate to) {
        return query(
                """
                select session_id, routine_id, started_at, ended_at, time_zone, local_day, pain_before, pain_after,
                       completed, sets, hold_seconds, reps
                from session_fact where user_id = ? and local_day between ? and ? order by started_at, session_id""",
                s -> {
                    s.setString(1, userId);
                    s.setObject(2, from);
                    s.setObject(3, to);
                },
                rs -> new Session(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        integer(rs, 7),
                        integer(rs, 8),
                        rs.getBoolean(9),
                        rs.getInt(10),
                        rs.getLong(11),
                        rs.getLong(12)));
    }

    /**
     * For each of these exercises, the live sets of the user's last {@code sessions} sessions with it since
     * {@code since} (latest session first, a session's sets in time order), in one query; an exercise without such
     * sessions is absent.
     */
    public Map<UUID, List<SetRow>> lastSessionsWith(
            String userId, List<UUID> exerciseIds, LocalDate since, int sessions) {
        Map<UUID, List<SetRow>> byExercise = new LinkedHashMap<>();
        if (exerciseIds.isEmpty()) {
            return byExercise;
        }
        query(
                        """
                        select f.session_id, f.exercise_id, f.side, f.local_day, f.recorded_at, f.hold_seconds, f.reps,
                               f.target_hold_seconds, f.target_reps
                        from set_fact f
                        join (select exercise_id, session_id, last_at
                              from (select exercise_id, session_id, max(recorded_at) as last_at,
                                           row_number() over (partition by exercise_id
                                                              order by max(recorded_at) desc, session_id) as latest
                                    from set_fact
                                    where user_id = ? and exercise_id = any(?) and local_day >= ? and not deleted
                                    group by exercise_id, session_id) ranked
                              where latest <= ?) last
                          on last.session_id = f.session_id and last.exercise_id = f.exercise_id
                        where not f.deleted
                        order by f.exercise_id, last.last_at desc, f.session_id, f.recorded_at""",
                        s -> {
                            s.setString(1, userId);
                            s.setArray(2, s.getConnection().createArrayOf("uuid", exerciseIds.toArray()));
                            s.setObject(3, since);
                            s.setInt(4, sessions);
                        },
                        ProgressReader::setRow)
                .forEach(set -> byExercise
                        .computeIfAbsent(set.exerciseId(), id -> new ArrayList<>())
                        .add(set));
        return byExercise;
    }

    public List<SetRow> sets(String userId, LocalDate from, LocalDate to) {
        return query(
                """
                select session_id, exercise_id, side, local_day, recorded_at, hold_seconds, reps, target_hold_seconds,
                       target_reps
                from set_fact where user_id = ? and local_day between ? and ? and not deleted
                order by recorded_at""",
                s -> {
                    s.setString(1, userId);
                    s.setObject(2, from);
                    s.setObject(3, to);
                },
                ProgressReader::setRow);
    }

    public List<Flag> flags(String userId, OffsetDateTime since, int limit) {
        return query(
                """
                select kind, local_day, occurred_at, pain, pain_from, session_id, set_id, exercise_id
                from pain_flag where user_id = ? and occurred_at >= ? order by occurred_at desc, position limit ?""",
                s -> {
                    s.setString(1, userId);
                    s.setObject(2, since);
                    s.setInt(3, limit);
                },
                rs -> new Flag(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getInt(4),
                        integer(rs, 5),
                        rs.getObject(6, UUID.class),
                        rs.getObject(7, UUID.class),
                        rs.getObject(8, UUID.class)));
    }

    public List<Exercise> exercises(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(
                """
                select exercise_id, slug, name, regions, measurement, sided, kind, hold_seconds, reps_min, reps_max,
                       sets
                from exercise_ref where exercise_id = any(?)""",
                s -> s.setArray(1, s.getConnection().createArrayOf("uuid", ids.toArray())),
                rs -> new Exercise(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        integer(rs, 8),
                        integer(rs, 9),
                        integer(rs, 10),
                        integer(rs, 11)));
    }

    public List<Routine> routines(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(
                "select routine_id, slug, name, weekly_target, status from routine_ref where routine_id = any(?)",
                s -> s.setArray(1, s.getConnection().createArrayOf("uuid", ids.toArray())),
                rs -> new Routine(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
    }

    /** The entries of these routines, in routine and position order. */
    public List<RoutineEntry> routineEntries(List<UUID> routineIds) {
        if (routineIds.isEmpty()) {
            return List.of();
        }
        return query(
                """
                select routine_id, position, exercise_id, hold_seconds, reps_min, reps_max, sets
                from routine_entry_ref where routine_id = any(?) order by routine_id, position""",
                s -> s.setArray(1, s.getConnection().createArrayOf("uuid", routineIds.toArray())),
                rs -> new RoutineEntry(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getObject(3, UUID.class),
                        integer(rs, 4),
                        integer(rs, 5),
                        integer(rs, 6),
                        integer(rs, 7)));
    }

    /** The live sets of these sessions of the user, whatever day they were recorded on, in time order. */
    public List<SetRow> setsOfSessions(String userId, List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        return query(
                """
                select session_id, exercise_id, side, local_day, recorded_at, hold_seconds, reps, target_hold_seconds,
                       target_reps
                from set_fact where session_id = any(?) and user_id = ? and not deleted
                order by recorded_at""",
                s -> {
                    s.setArray(1, s.getConnection().createArrayOf("uuid", sessionIds.toArray()));
                    s.setString(2, userId);
                },
                ProgressReader::setRow);
    }

    private static SetRow setRow(ResultSet rs) throws SQLException {
        return new SetRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, LocalDate.class),
                rs.getObject(5, OffsetDateTime.class),
                integer(rs, 6),
                integer(rs, 7),
                integer(rs, 8),
                integer(rs, 9));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
        return jdbc.query(sql, binder, mapper);
    }
}
