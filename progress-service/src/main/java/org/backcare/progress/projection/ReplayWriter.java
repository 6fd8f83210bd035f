package org.backcare.progress.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Facts written in bulk (one statement per kind of row, arrays unnested), by a rebuild a whole poll at a time and by
 * a live batch a run between deletions at a time; and a rebuild's rollups, computed once at the end from all the
 * facts with set-based SQL: the same definitions as {@link ProjectionWriter}'s per-key recomputations, which a live
 * batch uses.
 */
public final class ReplayWriter {

    /**
     * How a started or completed event changes what is known of its session: the latest event's fields win, an end
     * and the pain after are kept once known, completed stays completed. A live batch and a rebuild share it.
     */
    private static final String SESSION_MERGE = """
            on conflict (session_id) do update set
                routine_id = excluded.routine_id,
                started_at = excluded.started_at,
                time_zone = excluded.time_zone,
                local_day = excluded.local_day,
                pain_before = excluded.pain_before,
                ended_at = coalesce(excluded.ended_at, session_fact.ended_at),
                pain_after = case when excluded.completed then excluded.pain_after else session_fact.pain_after end,
                completed = session_fact.completed or excluded.completed
            """;

    private final Connection c;

    public ReplayWriter(Connection connection) {
        this.c = connection;
    }

    /**
     * Drops the secondary indexes of {@code tables} (not the primary keys the writes rely on), remembering their
     * definitions in rebuild_dropped_index in the same transaction; answers how many.
     */
    public int dropSecondaryIndexes(List<String> tables) throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select i.indexname, i.indexdef from pg_indexes i
                where i.schemaname = current_schema() and i.tablename = any(?::text[])
                  and not exists (select 1 from pg_constraint k where k.conname = i.indexname)""")) {
            s.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (var save = c.prepareStatement(
                        "insert into rebuild_dropped_index (name, definition) values (?, ?) on conflict do nothing");
                Statement drop = c.createStatement()) {
            for (String[] index : indexes) {
                save.setString(1, index[0]);
                save.setString(2, index[1]);
                save.executeUpdate();
                drop.execute("drop index " + quoted(index[0]));
            }
        }
        return indexes.size();
    }

    /** Builds again every index a rebuild dropped (also after an interrupted one); answers how many. */
    public int restoreIndexes() throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, definition from rebuild_dropped_index order by name")) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute(index[1].replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
            }
            s.execute("delete from rebuild_dropped_index");
        }
        return indexes.size();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** What a batch says about a session, its events already folded in their order. */
    public record SessionRow(
            UUID sessionId,
            String userId,
            UUID routineId,
            OffsetDateTime startedAt,
            String timeZone,
            LocalDate day,
            Integer painBefore,
            OffsetDateTime endedAt,
            Integer painAfter,
            boolean completed) {}

    /** A set fact (live, or a tombstone when deleted). */
    public record SetRow(
            UUID setId,
            UUID sessionId,
            String userId,
            UUID exerciseId,
            String side,
            LocalDate day,
            OffsetDateTime recordedAt,
            Integer holdSeconds,
            Integer reps,
            Integer targetHold,
            Integer targetReps,
            Integer pain,
            boolean deleted) {}

    /** The user's latest session's time zone within the batch. */
    public record ZoneRow(String userId, String timeZone, OffsetDateTime since) {}

    /**
     * Upserts sessions with the merge rules of {@link #SESSION_MERGE}; one row per session. Answers
     * the sessions that were new.
     */
    public Set<UUID> upsertSessions(List<SessionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Set.of();
        }
        try (var s = c.prepareStatement("""
                insert into session_fact (session_id, user_id, routine_id, started_at, time_zone, local_day, pain_before,
                                          ended_at, pain_after, completed)
                select * from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::date[],
                                     ?::smallint[], ?::timestamptz[], ?::smallint[], ?::boolean[])
                """ + SESSION_MERGE + """
                returning session_id, (xmax = 0)""")) {
            s.setArray(1, c.createArrayOf("uuid", column(rows, SessionRow::sessionId)));
            s.setArray(2, c.createArrayOf("text", column(rows, SessionRow::userId)));
            s.setArray(3, c.createArrayOf("uuid", column(rows, SessionRow::routineId)));
            s.setArray(4, c.createArrayOf("text", column(rows, r -> text(r.startedAt()))));
            s.setArray(5, c.createArrayOf("text", column(rows, SessionRow::timeZone)));
            s.setArray(6, c.createArrayOf("text", column(rows, r -> r.day().toString())));
            s.setArray(7, c.createArrayOf("int4", column(rows, SessionRow::painBefore)));
            s.setArray(8, c.createArrayOf("text", column(rows, r -> text(r.endedAt()))));
            s.setArray(9, c.createArrayOf("int4", column(rows, SessionRow::painAfter)));
            s.setArray(10, c.createArrayOf("bool", column(rows, SessionRow::completed)));
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return inserted;
        }
    }

    /** Sessions first seen through a set (the first set of each): created unless they exist; answers the created. */
    public Set<UUID> sessionsFromSets(List<SetRow> firstSets, List<String> timeZones) throws SQLException {
        if (firstSets.isEmpty()) {
            return Set.of();
        }
        try (var s = c.prepareStatement("""
                insert into session_fact (session_id, user_id, started_at, time_zone, local_day)
                select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::date[])
                on conflict do nothing returning session_id""")) {
            s.setArray(1, c.createArrayOf("uuid", column(firstSets, SetRow::sessionId)));
            s.setArray(2, c.createArrayOf("text", column(firstSets, SetRow::userId)));
            s.setArray(3, c.createArrayOf("text", column(firstSets, r -> text(r.recordedAt()))));
            s.setArray(4, c.createArrayOf("text", timeZones.toArray()));
            s.setArray(5, c.createArrayOf("text", column(firstSets, r -> r.day().toString())));
            return ids(s);
        }
    }

    /**
     * Inserts set facts; a set already known (recorded or a tombstone) stays as it is. One row per set id. Answers
     * the sets inserted when {@code answer} (a live batch counts them; a rebuild does not ask).
     */
    public Set<UUID> insertSets(List<SetRow> rows, boolean answer) throws SQLException {
        if (rows.isEmpty()) {
            return Set.of();
        }
        try (var s = c.prepareStatement("""
                insert into set_fact (set_id, session_id, user_id, exercise_id, side, local_day, recorded_at,
                                      hold_seconds, reps, target_hold_seconds, target_reps, pain, deleted)
                select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::date[],
                                     ?::timestamptz[], ?::int[], ?::int[], ?::int[], ?::int[], ?::smallint[],
                                     ?::boolean[])
                on conflict do nothing""" + (answer ? " returning set_id" : ""))) {
            s.setArray(1, c.createArrayOf("uuid", column(rows, SetRow::setId)));
            s.setArray(2, c.createArrayOf("uuid", column(rows, SetRow::sessionId)));
            s.setArray(3, c.createArrayOf("text", column(rows, SetRow::userId)));
            s.setArray(4, c.createArrayOf("uuid", column(rows, SetRow::exerciseId)));
            s.setArray(5, c.createArrayOf("text", column(rows, SetRow::side)));
            s.setArray(6, c.createArrayOf("text", column(rows, r -> r.day().toString())));
            s.setArray(7, c.createArrayOf("text", column(rows, r -> text(r.recordedAt()))));
            s.setArray(8, c.createArrayOf("int4", column(rows, SetRow::holdSeconds)));
            s.setArray(9, c.createArrayOf("int4", column(rows, SetRow::reps)));
            s.setArray(10, c.createArrayOf("int4", column(rows, SetRow::targetHold)));
            s.setArray(11, c.createArrayOf("int4", column(rows, SetRow::targetReps)));
            s.setArray(12, c.createArrayOf("int4", column(rows, SetRow::pain)));
            s.setArray(13, c.createArrayOf("bool", column(rows, SetRow::deleted)));
            if (!answer) {
                s.executeUpdate();
                return Set.of();
            }
            return ids(s);
        }
    }

    /** Corrects live sets in place: their seconds, repetitions and pain. */
    public void correctSets(List<SetRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement("""
                update set_fact f set hold_seconds = t.hold, reps = t.reps, pain = t.pain
                from unnest(?::uuid[], ?::int[], ?::int[], ?::int[]) t(id, hold, reps, pain)
                where f.set_id = t.id and not f.deleted""")) {
            s.setArray(1, c.createArrayOf("uuid", column(rows, SetRow::setId)));
            s.setArray(2, c.createArrayOf("int4", column(rows, SetRow::holdSeconds)));
            s.setArray(3, c.createArrayOf("int4", column(rows, SetRow::reps)));
            s.setArray(4, c.createArrayOf("int4", column(rows, SetRow::pain)));
            s.executeUpdate();
        }
    }

    /** Deletes sessions with their sets (the sets stay as deleted facts, which keeps a late recording out). */
    public void deleteSessions(List<UUID> sessionIds) throws SQLException {
        if (sessionIds.isEmpty()) {
            return;
        }
        Array ids = c.createArrayOf("uuid", sessionIds.toArray());
        try (var s = c.prepareStatement(
                "update set_fact set deleted = true where session_id = any(?::uuid[]) and not deleted")) {
            s.setArray(1, ids);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("delete from session_fact where session_id = any(?::uuid[])")) {
            s.setArray(1, ids);
            s.executeUpdate();
        }
    }

    /** Marks live sets deleted. */
    public void markDeleted(List<UUID> setIds) throws SQLException {
        if (setIds.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement(
                "update set_fact set deleted = true where set_id = any(?::uuid[]) and not deleted")) {
            s.setArray(1, c.createArrayOf("uuid", setIds.toArray()));
            s.executeUpdate();
        }
    }

    /** Each user's zone, when it is at least as recent as the stored one. One row per user. */
    public void userZones(List<ZoneRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement("""
                insert into user_profile (user_id, time_zone, zone_since)
                select * from unnest(?::text[], ?::text[], ?::timestamptz[])
                on conflict (user_id) do update set time_zone = excluded.time_zone, zone_since = excluded.zone_since
                where excluded.zone_since >= user_profile.zone_since""")) {
            s.setArray(1, c.createArrayOf("text", column(rows, ZoneRow::userId)));
            s.setArray(2, c.createArrayOf("text", column(rows, ZoneRow::timeZone)));
            s.setArray(3, c.createArrayOf("text", column(rows, r -> text(r.since()))));
            s.executeUpdate();
        }
    }

    /**
     * Every rollup from all the facts: the sessions' set aggregates, daily_exercise, daily_activity, the runs of
     * active days (gaps and islands), the pain flags and the users' totals. The tables are empty before (a rebuild).
     */
    public void computeRollups() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    update session_fact s set sets = a.sets, hold_seconds = a.hold, reps = a.reps, max_pain = a.max_pain
                    from (select session_id, count(*) as sets, coalesce(sum(hold_seconds), 0) as hold,
                                 coalesce(sum(reps), 0) as reps, max(pain) as max_pain
                          from set_fact where not deleted group by session_id) a
                    where s.session_id = a.session_id""");
            s.executeUpdate("""
                    insert into daily_exercise (user_id, exercise_id, side, local_day, sets, hold_sets, hold_seconds,
                                                best_hold, reps, best_reps, pain_sum, pain_count, max_pain)
                    select user_id, exercise_id, side, local_day, count(*), count(hold_seconds),
                           coalesce(sum(hold_seconds), 0), max(hold_seconds), coalesce(sum(reps), 0), max(reps),
                           coalesce(sum(pain), 0), count(pain), max(pain)
                    from set_fact where not deleted
                    group by user_id, exercise_id, side, local_day""");
            s.executeUpdate("""
                    insert into daily_activity (user_id, local_day, sessions, sets, hold_seconds, reps, duration_seconds,
                                                pain_before_sum, pain_before_count, pain_after_sum, pain_after_count)
                    select coalesce(ss.user_id, fs.user_id), coalesce(ss.local_day, fs.local_day),
                           coalesce(ss.sessions, 0), coalesce(fs.sets, 0), coalesce(fs.hold, 0), coalesce(fs.reps, 0),
                           coalesce(ss.duration, 0), coalesce(ss.pb_sum, 0), coalesce(ss.pb_count, 0),
                           coalesce(ss.pa_sum, 0), coalesce(ss.pa_count, 0)
                    from (select user_id, local_day, count(*) as sessions,
                                 coalesce(sum(extract(epoch from (ended_at - started_at)))::bigint, 0) as duration,
                                 coalesce(sum(pain_before), 0) as pb_sum, count(pain_before) as pb_count,
                                 coalesce(sum(pain_after), 0) as pa_sum, count(pain_after) as pa_count
                          from session_fact group by user_id, local_day) ss
                    full join (select user_id, local_day, count(*) as sets, coalesce(sum(hold_seconds), 0) as hold,
                                      coalesce(sum(reps), 0) as reps
                               from set_fact where not deleted group by user_id, local_day) fs
                      on fs.user_id = ss.user_id and fs.local_day = ss.local_day""");
            s.executeUpdate("""
                    insert into active_run (user_id, first_day, last_day)
                    select user_id, min(local_day), max(local_day)
                    from (select user_id, local_day,
                                 local_day - (row_number() over (partition by user_id order by local_day))::int as island
                          from daily_activity where sets > 0) d
                    group by user_id, island""");
            s.executeUpdate("""
                    insert into user_totals (user_id, sessions, sets, hold_seconds, reps)
                    select coalesce(ss.user_id, fs.user_id), coalesce(ss.sessions, 0), coalesce(fs.sets, 0),
                           coalesce(fs.hold, 0), coalesce(fs.reps, 0)
                    from (select user_id, count(*) as sessions from session_fact group by user_id) ss
                    full join (select user_id, count(*) as sets, coalesce(sum(hold_seconds), 0) as hold,
                                      coalesce(sum(reps), 0) as reps
                               from set_fact where not deleted group by user_id) fs on fs.user_id = ss.user_id""");
        }
        computePainFlags();
    }

    /** PainFlags over every session and its live sets in time order, streamed, written in batches. */
    private void computePainFlags() throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor, not the whole result in memory
        try (var read = c.prepareStatement("""
                        select s.session_id, s.user_id, s.local_day, s.started_at, s.ended_at, s.pain_before, s.pain_after,
                               f.set_id, f.exercise_id, f.local_day, f.recorded_at, f.pain
                        from session_fact s
                        left join set_fact f on f.session_id = s.session_id and not f.deleted
                        order by s.session_id, f.recorded_at, f.set_id""");
                var write = c.prepareStatement("""
                        insert into pain_flag (session_id, position, user_id, kind, local_day, occurred_at, pain,
                                               pain_from, set_id, exercise_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            read.setFetchSize(10_000);
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
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
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

    private static Set<UUID> ids(PreparedStatement s) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static <T> Object[] column(List<T> rows, Function<T, ?> value) {
        Object[] out = new Object[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value.apply(rows.get(i));
        }
        return out;
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
