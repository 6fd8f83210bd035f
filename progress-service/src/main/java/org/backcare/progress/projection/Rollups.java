package org.backcare.progress.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Every rollup, each defined once from the facts and recomputed for a {@link Scope}: the keys a live batch touched
 * ({@link ProgressProjector}) or everything (a rebuild). This is the one place a rollup lives: to add one, add its
 * definition to {@link #ALL} (and its table to the migrations, the erasure's and the export's table lists).
 *
 * <p>A table rollup is one {@code select} over the facts; recomputing it deletes the scope's rows and inserts what
 * the select answers for the scope. In dependency order: the runs of active days read daily_activity.
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

    /** Each session's set aggregates (columns of session_fact), from its live sets. */
    static final Rollup SESSION_SETS = new Rollup() {
        @Override
        public String name() {
            return "session_fact.sets";
        }

        @Override
        public void recompute(Connection c, Scope scope) throws SQLException {
            try (PreparedStatement s = scope.prepare(c, """
                    update session_fact s set sets = a.sets, hold_seconds = a.hold, reps = a.reps, max_pain = a.max_pain
                    from (select x.session_id, count(f.set_id) as sets, coalesce(sum(f.hold_seconds), 0) as hold,
                                 coalesce(sum(f.reps), 0) as reps, max(f.pain) as max_pain
                          from session_fact x left join set_fact f on f.session_id = x.session_id and not f.deleted
                          where {sessions:x.} group by x.session_id) a
                    where s.session_id = a.session_id
                      and (s.sets, s.hold_seconds, s.reps, s.max_pain)
                          is distinct from (a.sets, a.hold, a.reps, a.max_pain)""")) {
                s.executeUpdate();
            }
        }
    };

    /** A user's exercise and side on a day. */
    static final Rollup DAILY_EXERCISE = new TableRollup(
            "daily_exercise",
            "exercise_days",
            "user_id, exercise_id, side, local_day, sets, hold_sets, hold_seconds, best_hold, reps, best_reps,"
                    + " pain_sum, pain_count, max_pain",
            """
            select user_id, exercise_id, side, local_day, count(*), count(hold_seconds),
                   coalesce(sum(hold_seconds), 0), max(hold_seconds), coalesce(sum(reps), 0), max(reps),
                   coalesce(sum(pain), 0), count(pain), max(pain)
            from set_fact where not deleted and {exercise_days}
            group by user_id, exercise_id, side, local_day""");

    /** A user's day: its sessions (with or without sets) and its live sets. */
    static final Rollup DAILY_ACTIVITY = new TableRollup(
            "daily_activity",
            "days",
            "user_id, local_day, sessions, sets, hold_seconds, reps, duration_seconds, pain_before_sum,"
                    + " pain_before_count, pain_after_sum, pain_after_count",
            """
            select coalesce(ss.user_id, fs.user_id), coalesce(ss.local_day, fs.local_day),
                   coalesce(ss.sessions, 0), coalesce(fs.sets, 0), coalesce(fs.hold, 0), coalesce(fs.reps, 0),
                   coalesce(ss.duration, 0), coalesce(ss.pb_sum, 0), coalesce(ss.pb_count, 0),
                   coalesce(ss.pa_sum, 0), coalesce(ss.pa_count, 0)
            from (select user_id, local_day, count(*) as sessions,
                         coalesce(sum(extract(epoch from (ended_at - started_at)))::bigint, 0) as duration,
                         coalesce(sum(pain_before), 0) as pb_sum, count(pain_before) as pb_count,
                         coalesce(sum(pain_after), 0) as pa_sum, count(pain_after) as pa_count
                  from session_fact where {days} group by user_id, local_day) ss
            full join (select user_id, local_day, count(*) as sets, coalesce(sum(hold_seconds), 0) as hold,
                              coalesce(sum(reps), 0) as reps
                       from set_fact where not deleted and {days} group by user_id, local_day) fs
              on fs.user_id = ss.user_id and fs.local_day = ss.local_day""");

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
     * least {@value #RISE} above the session's lowest, the bound of every rise); most sessions have none, and the
     * window over their readings in time order is what costs.
     */
    static final Rollup PAIN_FLAGS = new TableRollup(
            "pain_flag",
            "sessions",
            "session_id, position, user_id, kind, local_day, occurred_at, pain, pain_from, set_id, exercise_id",
            """
            with flagged as (
                select s.session_id
                from session_fact s left join set_fact f on f.session_id = s.session_id and not f.deleted
                where {sessions:s.}
                group by s.session_id, s.pain_before, s.pain_after
                having max(f.pain) >= %2$d
                    or max(f.pain) - least(s.pain_before, min(f.pain)) >= %1$d
                    or s.pain_after - least(s.pain_before, min(f.pain)) >= %1$d),
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

    /** Recomputes {@code chain} (one of {@link #INDEPENDENT_CHAINS}, or {@link #ALL}) for the scope, in order, in the caller's transaction. */
    public static void recompute(Connection c, Scope scope, List<Rollup> chain) throws SQLException {
        if (scope.isEmpty()) {
            return;
        }
        for (Rollup rollup : chain) {
            rollup.recompute(c, scope);
        }
    }

    /** Recomputes every rollup for the scope, in the caller's transaction. */
    public static void recompute(Connection c, Scope scope) throws SQLException {
        recompute(c, scope, ALL);
    }
}
