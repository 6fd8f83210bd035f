package org.backcare.progress.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every rollup, each defined once from the facts and recomputed for a {@link Scope}: the keys a live batch touched
 * ({@link ProgressProjector}) or everything (a rebuild). This is the one place a rollup lives: to add one, add its
 * definition to {@link #ALL} (and its table to the migrations, the erasure's and the export's table lists).
 *
 * <p>A table rollup is one {@code select} over the facts; recomputing it deletes the scope's rows and inserts what
 * the select answers for the scope. In dependency order: the runs of active days read daily_activity.
 */
public final class Rollups {

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

    /** {@link PainFlags} over each session and its live sets in time order, streamed, written in batches. */
    static final Rollup PAIN_FLAGS = new Rollup() {
        @Override
        public String name() {
            return "pain_flag";
        }

        @Override
        public void recompute(Connection c, Scope scope) throws SQLException {
            try (PreparedStatement s = scope.prepare(c, "delete from pain_flag where {sessions}")) {
                s.executeUpdate();
            }
            try (var read = scope.prepare(c, """
                            select s.session_id, s.user_id, s.local_day, s.started_at, s.ended_at, s.pain_before,
                                   s.pain_after, f.set_id, f.exercise_id, f.local_day, f.recorded_at, f.pain
                            from session_fact s
                            left join set_fact f on f.session_id = s.session_id and not f.deleted
                            where {sessions:s.}
                            order by s.session_id, f.recorded_at, f.set_id""");
                    var write = c.prepareStatement("""
                            insert into pain_flag (session_id, position, user_id, kind, local_day, occurred_at, pain,
                                                   pain_from, set_id, exercise_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                read.setFetchSize(10_000); // a cursor (the caller's transaction), not the whole result in memory
                PainFlags.Session session = null;
                List<PainFlags.SetPain> sets = new ArrayList<>();
                int pending = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        if (session == null || !session.sessionId().equals(id)) {
                            pending += flag(write, session, sets);
                            sets.clear();
                            session = new PainFlags.Session(
                                    id,
                                    rs.getString(2),
                                    rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, OffsetDateTime.class),
                                    rs.getObject(5, OffsetDateTime.class),
                                    integer(rs, 6),
                                    integer(rs, 7));
                        }
                        UUID setId = rs.getObject(8, UUID.class);
                        if (setId != null) {
                            sets.add(new PainFlags.SetPain(
                                    setId,
                                    rs.getObject(9, UUID.class),
                                    rs.getObject(10, LocalDate.class),
                                    rs.getObject(11, OffsetDateTime.class),
                                    integer(rs, 12)));
                        }
                        if (pending >= 5000) {
                            write.executeBatch();
                            pending = 0;
                        }
                    }
                }
                pending += flag(write, session, sets);
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
    };

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

    private static int flag(PreparedStatement write, PainFlags.Session session, List<PainFlags.SetPain> sets)
            throws SQLException {
        if (session == null) {
            return 0;
        }
        int added = 0;
        for (PainFlags.Flag f : PainFlags.of(session, sets)) {
            write.setObject(1, f.sessionId());
            write.setInt(2, f.position());
            write.setString(3, f.userId());
            write.setString(4, f.kind());
            write.setObject(5, f.day());
            write.setObject(6, f.occurredAt());
            write.setInt(7, f.pain());
            if (f.painFrom() == null) {
                write.setNull(8, Types.INTEGER);
            } else {
                write.setInt(8, f.painFrom());
            }
            write.setObject(9, f.setId());
            write.setObject(10, f.exerciseId());
            write.addBatch();
            added++;
        }
        return added;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
