package org.backcare.progress.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every rollup, each defined once from the facts and recomputed for a {@link Scope}: the keys a live batch touched
 * ({@link ProgressProjector}) or everything (a rebuild). This is the one place a rollup lives: to add one, add its
 * definition to {@link #ALL} (and its table to the migrations, the erasure's and the export's table lists).
 *
 * <p>A table rollup is one {@code select} over the facts; recomputing it deletes the scope's rows and inserts what
 * the select answers for the scope. In dependency order: the runs of active days read daily_activity.
 *
 * <p>The rollups of live sets (a session's, an exercise's day, a day's) are counts, sums and maxima, each column
 * defined once ({@link SetAggregates}): a rebuild and a key a batch touched otherwise are recomputed from all their
 * facts, while the sets a live batch appended are merged into the rows they belong to, so that a batch costs what it
 * added and not the size of the sessions and days it added to. {@code ProjectionOracleTest} holds both ways to the
 * reference implementation, for any split of a stream into batches.
 */
public final class Rollups {

    /** A set's pain from which it is flagged. */
    public static final int HIGH_PAIN = 7;

    /** A rise of pain within a session from which it is flagged. */
    public static final int RISE = 3;

    /** One rollup: recomputes its rows for the scope, from the facts (and the rollups before it). */
    public interface Rollup {
        String name();

        void recompute(Connection c, Scope scope) throws SQLException;
    }

    /**
     * A rollup of live sets that can also merge the sets a live batch appended into its rows, instead of recomputing
     * their keys from all their facts: its columns are counts, sums and maxima ({@link SetAggregates}), so the rows
     * over the facts before the batch combine with the rows over the appended sets. The scope it recomputes holds only
     * the keys a batch touched otherwise (a session's start or end, a correction, a deletion); an appended set under
     * such a key is left to the recompute.
     */
    interface MergingRollup extends Rollup {
        void merge(Connection c, Scope scope) throws SQLException;
    }

    /** How a column's values over two sets of rows combine into its value over both. */
    enum Combine {
        ADD,
        MIN,
        MAX;

        String of(String a, String b) {
            return switch (this) {
                case ADD -> a + " + " + b;
                case MIN -> "least(" + a + ", " + b + ")";
                case MAX -> "greatest(" + a + ", " + b + ")";
            };
        }

        /** Its value over no rows, from the aggregate's value (null when there were none). */
        String orNone(String value) {
            return this == ADD ? "coalesce(" + value + ", 0)" : value;
        }
    }

    /** A column aggregated over live sets: its aggregate over set_fact's rows, and how two partial values combine. */
    record Aggregate(String column, String expression, Combine combine) {}

    /**
     * Aggregates of live sets grouped by a key, defined once for both ways to compute them: {@link #select} over the
     * keys to recompute, from all their facts; {@link #appended} over a batch's new sets, merged into the rows with
     * {@link #merged}.
     */
    record SetAggregates(String key, String keyColumns, List<Aggregate> aggregates) {

        String columns() {
            return aggregates.stream().map(Aggregate::column).collect(Collectors.joining(", "));
        }

        /** The aggregates, by key, of the live sets {@code where} (a condition on set_fact) selects. */
        String select(String where) {
            return "select " + keyColumns + ", "
                    + aggregates.stream()
                            .map(a -> a.expression() + " as " + a.column())
                            .collect(Collectors.joining(", "))
                    + " from set_fact where not deleted and " + where + " group by " + keyColumns;
        }

        /** The aggregates of the sets the batch appended whose keys it does not recompute. */
        String appended() {
            return select("{appended} and not {" + key + "}");
        }

        /** Each column set to its value in {@code row} combined with its value in {@code more}. */
        String merged(String row, String more) {
            return aggregates.stream()
                    .map(a -> a.column() + " = " + a.combine().of(row + "." + a.column(), more + "." + a.column()))
                    .collect(Collectors.joining(", "));
        }

        /** Each column set to its value in {@code row}. */
        String assigned(String row) {
            return aggregates.stream()
                    .map(a -> a.column() + " = " + row + "." + a.column())
                    .collect(Collectors.joining(", "));
        }

        /** Each column as {@code alias}'s, or its value over no sets where {@code alias} has no row. */
        String orNone(String alias) {
            return aggregates.stream()
                    .map(a -> a.combine().orNone(alias + "." + a.column()) + " as " + a.column())
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * A rollup that is a table: the scope's rows are deleted and {@code select} (which filters on {@code key}) is
     * inserted.
     */
    record TableRollup(String name, String key, String columns, String select) implements Rollup {
        @Override
        public void recompute(Connection c, Scope scope) throws SQLException {
            try (PreparedStatement s = scope.prepare(c, "delete from " + name + " where {" + key + "}")) {
                s.executeUpdate();
            }
            try (PreparedStatement s = scope.prepare(c, "insert into " + name + " (" + columns + ") " + select)) {
                s.executeUpdate();
            }
        }
    }

    /**
     * A table of set aggregates by their key ({@code sets}), with {@code otherColumns} that the sets do not give (0 in
     * a row a merge creates); {@code select} answers the key, the aggregates and the other columns, in that order.
     */
    record SetTable(String name, SetAggregates sets, String otherColumns, String select) implements MergingRollup {

        private String columns() {
            return sets.keyColumns() + ", " + sets.columns() + (otherColumns.isEmpty() ? "" : ", " + otherColumns);
        }

        @Override
        public void recompute(Connection c, Scope scope) throws SQLException {
            new TableRollup(name, sets.key(), columns(), select).recompute(c, scope);
        }

        @Override
        public void merge(Connection c, Scope scope) throws SQLException {
            // the columns the sets do not give are counts and sums over what the sets do not change: 0 in a new row
            String zeros = otherColumns.isEmpty() ? "" : ", " + otherColumns.replaceAll("\\w+", "0");
            String sql = "insert into " + name + " as t (" + columns() + ") select a.*" + zeros
                    + " from (" + sets.appended() + ") a on conflict (" + sets.keyColumns() + ") do update set "
                    + sets.merged("t", "excluded");
            try (PreparedStatement s = scope.prepare(c, sql)) {
                s.executeUpdate();
            }
        }
    }

    /** The live sets' count, seconds held and repetitions: in every rollup of live sets. */
    static final Aggregate SET_COUNT = new Aggregate("sets", "count(*)", Combine.ADD);

    static final Aggregate HOLD_SECONDS = new Aggregate("hold_seconds", "coalesce(sum(hold_seconds), 0)", Combine.ADD);
    static final Aggregate REPS = new Aggregate("reps", "coalesce(sum(reps), 0)", Combine.ADD);

    /** A session's live sets: its count, seconds held, repetitions, highest and lowest pain. */
    static final SetAggregates SESSION_SET_TOTALS = new SetAggregates(
            "sessions",
            "session_id",
            List.of(
                    SET_COUNT,
                    HOLD_SECONDS,
                    REPS,
                    new Aggregate("max_pain", "max(pain)", Combine.MAX),
                    new Aggregate("min_pain", "min(pain)", Combine.MIN)));

    /** Each session's set aggregates (columns of session_fact), from its live sets. */
    static final Rollup SESSION_SETS = new MergingRollup() {
        @Override
        public String name() {
            return "session_fact.sets";
        }

        @Override
        public void recompute(Connection c, Scope scope) throws SQLException {
            SetAggregates t = SESSION_SET_TOTALS;
            try (PreparedStatement s = scope.prepare(c, """
                    update session_fact s set %1$s
                    from (select x.session_id, %2$s
                          from session_fact x left join (%3$s) f on f.session_id = x.session_id
                          where {sessions:x.}) a
                    where s.session_id = a.session_id and (%4$s) is distinct from (%5$s)""".formatted(
                            t.assigned("a"),
                            t.orNone("f"),
                            t.select("{sessions}"),
                            prefixed("s", t.columns()),
                            prefixed("a", t.columns())))) {
                s.executeUpdate();
            }
        }

        @Override
        public void merge(Connection c, Scope scope) throws SQLException {
            SetAggregates t = SESSION_SET_TOTALS;
            try (PreparedStatement s = scope.prepare(
                    c,
                    "update session_fact s set " + t.merged("s", "a") + " from (" + t.appended() + ") a"
                            + " where s.session_id = a.session_id")) {
                s.executeUpdate();
            }
        }
    };

    /** A user's exercise and side on a day: its live sets' counts, sums and bests. */
    static final SetAggregates EXERCISE_DAY_SETS = new SetAggregates(
            "exercise_days",
            "user_id, exercise_id, side, local_day",
            List.of(
                    SET_COUNT,
                    new Aggregate("hold_sets", "count(hold_seconds)", Combine.ADD),
                    HOLD_SECONDS,
                    new Aggregate("best_hold", "max(hold_seconds)", Combine.MAX),
                    REPS,
                    new Aggregate("best_reps", "max(reps)", Combine.MAX),
                    new Aggregate("pain_sum", "coalesce(sum(pain), 0)", Combine.ADD),
                    new Aggregate("pain_count", "count(pain)", Combine.ADD),
                    new Aggregate("max_pain", "max(pain)", Combine.MAX)));

    /** A user's exercise and side on a day. */
    static final Rollup DAILY_EXERCISE =
            new SetTable("daily_exercise", EXERCISE_DAY_SETS, "", EXERCISE_DAY_SETS.select("{exercise_days}"));

    /** A user's day's live sets. */
    static final SetAggregates DAY_SETS =
            new SetAggregates("days", "user_id, local_day", List.of(SET_COUNT, HOLD_SECONDS, REPS));

    /** A user's day: its sessions (with or without sets) and its live sets. */
    static final Rollup DAILY_ACTIVITY = new SetTable(
            "daily_activity",
            DAY_SETS,
            "sessions, duration_seconds, pain_before_sum, pain_before_count, pain_after_sum, pain_after_count",
            """
            select coalesce(ss.user_id, fs.user_id), coalesce(ss.local_day, fs.local_day), %1$s,
                   coalesce(ss.sessions, 0), coalesce(ss.duration, 0), coalesce(ss.pb_sum, 0),
                   coalesce(ss.pb_count, 0), coalesce(ss.pa_sum, 0), coalesce(ss.pa_count, 0)
            from (select user_id, local_day, count(*) as sessions,
                         coalesce(sum(extract(epoch from (ended_at - started_at)))::bigint, 0) as duration,
                         coalesce(sum(pain_before), 0) as pb_sum, count(pain_before) as pb_count,
                         coalesce(sum(pain_after), 0) as pa_sum, count(pain_after) as pa_count
                  from session_fact where {days} group by user_id, local_day) ss
            full join (%2$s) fs on fs.user_id = ss.user_id and fs.local_day = ss.local_day""".formatted(DAY_SETS.orNone("fs"), DAY_SETS.select("{days}")));

    /** The runs of consecutive days with live sets (gaps and islands over daily_activity), per user. */
    static final Rollup ACTIVE_RUNS = new TableRollup("active_run", "users", "user_id, first_day, last_day", """
            select user_id, min(local_day), max(local_day)
            from (select user_id, local_day,
                         local_day - (row_number() over (partition by user_id order by local_day))::int as island
                  from daily_activity where sets > 0 and {users}) d
            group by user_id, island""");

    /**
     * A user's totals: sessions, live sets, seconds held and repetitions, summed over the user's days
     * (daily_activity, recomputed before it): a row a day rather than a row a set, so a batch's cost does not grow
     * with the user's whole history of sets.
     */
    static final Rollup USER_TOTALS =
            new TableRollup("user_totals", "users", "user_id, sessions, sets, hold_seconds, reps", """
            select user_id, sum(sessions), sum(sets), sum(hold_seconds), sum(reps)
            from daily_activity where {users} group by user_id""");

    /**
     * The article: never strain or cause pain. A session is flagged for every live set with pain of
     * {@value #HIGH_PAIN} or more (position: the set's index among the session's live sets in time order), and once
     * (position -1) when pain rose by {@value #RISE} or more within it: over the readings in time order (pain before,
     * each set's pain, pain after), the largest rise of a reading over the lowest reading before it, the first reading
     * to reach it. Computed in PostgreSQL, so that a batch does not ship a session's sets to Java, and only for the
     * sessions that can have a flag ({@code flagged}: a set's pain of {@value #HIGH_PAIN} or more, or a reading at
     * least {@value #RISE} above the session's lowest, the bound of every rise, read from session_fact's highest and
     * lowest pain, which {@link #SESSION_SETS} keeps before it in its chain); most sessions have none, and the window
     * over their readings in time order is what costs.
     */
    static final Rollup PAIN_FLAGS = new TableRollup(
            "pain_flag",
            "sessions",
            "session_id, position, user_id, kind, local_day, occurred_at, pain, pain_from, set_id, exercise_id",
            """
            with flagged as (
                select session_id from session_fact
                where {sessions}
                  and (max_pain >= %2$d
                       or max_pain - least(pain_before, min_pain) >= %1$d
                       or pain_after - least(pain_before, min_pain) >= %1$d)),
            reading as (
                select s.session_id, s.user_id, s.local_day as session_day, s.started_at, s.ended_at, s.pain_after,
                       f.set_id, f.exercise_id, f.local_day, f.recorded_at, f.pain,
                       (row_number() over w - 1)::int as position,
                       least(s.pain_before, min(f.pain) over (w rows between unbounded preceding and 1 preceding))
                           as lowest_before,
                       least(s.pain_before, min(f.pain) over (partition by s.session_id)) as lowest
                from session_fact s left join set_fact f on f.session_id = s.session_id and not f.deleted
                where s.session_id in (select session_id from flagged)
                window w as (partition by s.session_id order by f.recorded_at, f.set_id)),
            set_rise as (
                select distinct on (session_id) session_id, position, pain - lowest_before as rise
                from reading where pain - lowest_before >= %1$d
                order by session_id, pain - lowest_before desc, position),
            session_low as (
                select distinct on (session_id) session_id, user_id, session_day, started_at, ended_at, pain_after,
                       lowest
                from reading order by session_id),
            rise as (
                select s.*, r.position,
                       coalesce(s.pain_after - s.lowest > coalesce(r.rise, %1$d - 1), false) as after_wins
                from session_low s left join set_rise r on r.session_id = s.session_id)
            select session_id, position, user_id, 'HIGH_PAIN', local_day, recorded_at, pain, null, set_id,
                   exercise_id
            from reading where pain >= %2$d
            union all
            select session_id, -1, user_id, 'PAIN_RISE', session_day, coalesce(ended_at, started_at), pain_after,
                   lowest, null, null
            from rise where after_wins
            union all
            select r.session_id, -1, r.user_id, 'PAIN_RISE', r.local_day, r.recorded_at, r.pain, r.lowest_before,
                   r.set_id, r.exercise_id
            from reading r join rise x on x.session_id = r.session_id and x.position = r.position
            where not x.after_wins""".formatted(RISE, HIGH_PAIN));

    /** Every rollup, in the order they are recomputed. */
    public static final List<Rollup> ALL =
            List.of(SESSION_SETS, DAILY_EXERCISE, DAILY_ACTIVITY, ACTIVE_RUNS, USER_TOTALS, PAIN_FLAGS);

    /**
     * {@link #ALL} in chains that read nothing another chain writes, each in {@link #ALL}'s order: a rebuild
     * recomputes them at the same time, each chain in a transaction of its own (ACTIVE_RUNS and USER_TOTALS read
     * DAILY_ACTIVITY; the others read only the facts).
     */
    public static final List<List<Rollup>> INDEPENDENT_CHAINS = List.of(
            List.of(SESSION_SETS, DAILY_EXERCISE, PAIN_FLAGS), List.of(DAILY_ACTIVITY, ACTIVE_RUNS, USER_TOTALS));

    private Rollups() {}

    /**
     * Recomputes {@code chain} (one of {@link #INDEPENDENT_CHAINS}, or {@link #ALL}) for the scope, in order, in the
     * caller's transaction: a merging rollup recomputes the keys the scope touched and merges the sets it appended;
     * another recomputes both.
     */
    public static void recompute(Connection c, Scope scope, List<Rollup> chain) throws SQLException {
        if (scope.isEmpty()) {
            return;
        }
        for (Rollup rollup : chain) {
            if (rollup instanceof MergingRollup merging) {
                if (scope.recomputes()) {
                    merging.recompute(c, scope);
                }
                if (scope.hasAppended()) {
                    merging.merge(c, scope);
                }
            } else {
                rollup.recompute(c, scope.withAppendedKeys());
            }
        }
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    /** Recomputes every rollup for the scope, in the caller's transaction. */
    public static void recompute(Connection c, Scope scope) throws SQLException {
        recompute(c, scope, ALL);
    }
}
