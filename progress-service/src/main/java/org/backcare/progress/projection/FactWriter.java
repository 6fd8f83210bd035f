package org.backcare.progress.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;
import org.backcare.progress.projection.Touched.UserDay;

/**
 * The one writer of the facts (session_fact, set_fact, user_profile, exercise_ref from set snapshots, the
 * processed-event claims), on the connection of the caller's transaction: a live batch and a rebuild write through
 * it alike. Rows are written in bulk (one statement per kind of row, arrays unnested) where a batch folds them; the
 * rollups are never written here but recomputed from the facts by {@link Rollups}.
 */
public final class FactWriter {

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

    /** The advisory lock batches share and a rebuild takes alone. */
    public static final long PROJECTION_LOCK = 0x70726f6772657373L; // "progress"

    /** The advisory lock a rebuild holds from its start to its swap: while it is held, live batches fill the backlog. */
    public static final long REBUILD_LOCK = 0x72656275696c64L; // "rebuild"

    private final Connection c;

    public FactWriter(Connection connection) {
        this.c = connection;
    }

    public void lockShared() throws SQLException {
        try (var s = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            s.setLong(1, PROJECTION_LOCK);
            s.execute();
        }
    }

    /**
     * Records the events as processed, each with the ids it supersedes (a history line of a corrected set reflects
     * its corrections); answers the ids that were not processed before. An erasure is never claimed: it keeps no row
     * about the person, and erasing again changes nothing.
     */
    public Set<UUID> claim(Collection<? extends SessionEvent> events) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.UserErased) {
                continue;
            }
            ids.add(e.eventId());
            types.add(e.type());
            users.add(e.userId());
            for (UUID superseded : e.supersedes()) {
                ids.add(superseded);
                types.add(SessionEvent.SET_CORRECTED);
                users.add(e.userId());
            }
        }
        Set<UUID> claimed = new HashSet<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        try (var s = c.prepareStatement("""
                insert into processed_event (event_id, type, user_id)
                select * from unnest(?::uuid[], ?::text[], ?::text[])
                on conflict do nothing returning event_id""")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.setArray(2, c.createArrayOf("text", types.toArray()));
            s.setArray(3, c.createArrayOf("text", users.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return claimed;
    }

    // --- erasure ------------------------------------------------------------------------------------------

    /**
     * Every table keyed by a person, from the Flyway migrations: the facts, the rollups, the profile and the person,
     * the processed-event ids. Coach shares go in both directions (as the sharer and as the coach), separately. The
     * catalog replica (exercise_ref, routine_ref) and rebuild_dropped_index hold nothing about anyone.
     */
    public static final List<String> USER_TABLES = List.of(
            "session_fact",
            "set_fact",
            "daily_exercise",
            "daily_activity",
            "active_run",
            "pain_flag",
            "user_totals",
            "user_profile",
            "person",
            "processed_event");

    /**
     * Deletes every row of the user in every table, in the caller's transaction, except the claims in
     * {@code keepClaims} (events of the same batch after the erasure); answers how many rows went.
     */
    public int eraseUser(String userId, Collection<UUID> keepClaims) throws SQLException {
        int rows = 0;
        for (String table : USER_TABLES) {
            String sql = "delete from " + table + " where user_id = ?"
                    + (table.equals("processed_event") ? " and not (event_id = any(?::uuid[]))" : "");
            try (var s = c.prepareStatement(sql)) {
                s.setString(1, userId);
                if (table.equals("processed_event")) {
                    s.setArray(2, c.createArrayOf("uuid", keepClaims.toArray()));
                }
                rows += s.executeUpdate();
            }
        }
        try (var s = c.prepareStatement("delete from coach_share where user_id = ? or coach_id = ?")) {
            s.setString(1, userId);
            s.setString(2, userId);
            rows += s.executeUpdate();
        }
        return rows;
    }

    // --- facts --------------------------------------------------------------------------------------------

    /** The user and day of those of the sessions that are known. */
    public Map<UUID, UserDay> sessionDays(Collection<UUID> sessionIds) throws SQLException {
        Map<UUID, UserDay> days = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return days;
        }
        try (var s = c.prepareStatement(
                "select session_id, user_id, local_day from session_fact where session_id = any(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("uuid", sessionIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    days.put(
                            rs.getObject(1, UUID.class),
                            new UserDay(rs.getString(2), rs.getObject(3, LocalDate.class)));
                }
            }
        }
        return days;
    }

    /** The keys of a set whose rollups a deletion or correction touches. */
    public record SetKeys(UUID sessionId, String userId, UUID exerciseId, String side, LocalDate day) {}

    private static final String RETURNING_KEYS = " returning session_id, user_id, exercise_id, side, local_day";

    /** Marks a live set deleted; answers its keys, or null if it was not live. */
    public SetKeys deleteSet(UUID setId) throws SQLException {
        try (var s = c.prepareStatement(
                "update set_fact set deleted = true where set_id = ? and not deleted" + RETURNING_KEYS)) {
            s.setObject(1, setId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? setKeys(rs) : null;
            }
        }
    }

    /** Corrects a live set's seconds, repetitions and pain; answers its keys, or null if it was not live. */
    public SetKeys correctSet(UUID setId, Integer holdSeconds, Integer reps, Integer pain) throws SQLException {
        try (var s = c.prepareStatement("update set_fact set hold_seconds = ?, reps = ?, pain = ?"
                + " where set_id = ? and not deleted" + RETURNING_KEYS)) {
            s.setObject(1, holdSeconds, Types.INTEGER);
            s.setObject(2, reps, Types.INTEGER);
            s.setObject(3, pain, Types.INTEGER);
            s.setObject(4, setId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? setKeys(rs) : null;
            }
        }
    }

    private static SetKeys setKeys(ResultSet rs) throws SQLException {
        return new SetKeys(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getObject(5, LocalDate.class));
    }

    /** Marks every live set of the session deleted; answers the keys of each. */
    public List<SetKeys> deleteSetsOfSession(UUID sessionId) throws SQLException {
        try (var s = c.prepareStatement(
                "update set_fact set deleted = true where session_id = ? and not deleted" + RETURNING_KEYS)) {
            s.setObject(1, sessionId);
            List<SetKeys> deleted = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    deleted.add(setKeys(rs));
                }
            }
            return deleted;
        }
    }

    /** Deletes the session's fact; answers its user and day, or null if there was none. */
    public Touched.UserDay deleteSession(UUID sessionId) throws SQLException {
        Touched.UserDay day;
        try (var s = c.prepareStatement("delete from session_fact where session_id = ? returning user_id, local_day")) {
            s.setObject(1, sessionId);
            try (ResultSet rs = s.executeQuery()) {
                day = rs.next() ? new Touched.UserDay(rs.getString(1), rs.getObject(2, LocalDate.class)) : null;
            }
        }
        if (day != null) {
            zonesOf(List.of(day.userId()));
        }
        return day;
    }

    /**
     * Finds the users' zones anew from their sessions, after their sessions were started, completed, first seen
     * through a set or deleted: a person's zone is the zone of their latest session ({@link #latestSessions}, the
     * definition a rebuild uses too), and a person with no session left has no zone (UTC), as a rebuild from the
     * history, which holds no deleted session, finds it. Found from the facts rather than kept from the events, so
     * that the order the events arrive in does not matter (two sessions at the same time, a session first seen through
     * a late set).
     */
    public void zonesOf(Collection<String> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return;
        }
        Object[] users = userIds.stream().distinct().toArray();
        try (var s = c.prepareStatement("insert into user_profile (user_id, time_zone, zone_since)"
                + " select user_id, time_zone, started_at from (" + latestSessions("user_id = any(?::text[])") + ") l"
                + " on conflict (user_id) do update set time_zone = excluded.time_zone, zone_since = excluded.zone_since"
                + " where (user_profile.time_zone, user_profile.zone_since)"
                + " is distinct from (excluded.time_zone, excluded.zone_since)")) {
            s.setArray(1, c.createArrayOf("text", users));
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("""
                delete from user_profile p where p.user_id = any(?::text[])
                and not exists (select 1 from session_fact f where f.user_id = p.user_id)""")) {
            s.setArray(1, c.createArrayOf("text", users));
            s.executeUpdate();
        }
    }

    /**
     * The one definition of a person's zone from the facts: their latest session's (of two at the same time, the one
     * a history gives last), for the users {@code where} selects.
     */
    private static String latestSessions(String where) {
        return "select distinct on (user_id) user_id, time_zone, started_at from session_fact where " + where
                + " order by user_id, started_at desc, session_id desc";
    }

    /** Every person's zone from all the sessions: a rebuild's, into a user_profile that is empty. */
    public static void zonesFromSessions(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.executeUpdate("insert into user_profile (user_id, time_zone, zone_since) " + latestSessions("true"));
        }
    }

    /**
     * Remembers exercises from set snapshots; the catalog's own events fill in kind and prescription. Inserted in id
     * order: batches of other partitions (other replicas, a rebuild's other writer) insert the same exercises, never
     * in the opposite order, so they cannot deadlock.
     */
    public void rememberExercises(Collection<ExerciseSnapshot> exercises) throws SQLException {
        if (exercises.isEmpty()) {
            return;
        }
        List<ExerciseSnapshot> inIdOrder = exercises.stream()
                .sorted(Comparator.comparing(ExerciseSnapshot::id))
                .toList();
        try (var s = c.prepareStatement("""
                insert into exercise_ref (exercise_id, slug, name, regions, measurement, sided)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (ExerciseSnapshot e : inIdOrder) {
                s.setObject(1, e.id());
                s.setString(2, e.slug());
                s.setString(3, e.name());
                s.setArray(4, c.createArrayOf("text", e.regions().toArray()));
                s.setString(5, e.measurement());
                s.setBoolean(6, e.sided());
                s.addBatch();
            }
            s.executeBatch();
        }
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

    /** Upserts sessions with the merge rules of {@link #SESSION_MERGE}; one row per session. */
    public void upsertSessions(List<SessionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement("""
                insert into session_fact (session_id, user_id, routine_id, started_at, time_zone, local_day, pain_before,
                                          ended_at, pain_after, completed)
                select * from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::date[],
                                     ?::smallint[], ?::timestamptz[], ?::smallint[], ?::boolean[])
                """ + SESSION_MERGE)) {
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
            s.executeUpdate();
        }
    }

    /**
     * Sessions first seen through a set (the first set of each): created unless they exist, and their people's zones
     * found anew ({@link #zonesOf}); answers the created.
     */
    public Set<UUID> sessionsFromSets(List<SetRow> firstSets, List<String> timeZones) throws SQLException {
        if (firstSets.isEmpty()) {
            return Set.of();
        }
        try (var s = c.prepareStatement("""
                insert into session_fact (session_id, user_id, started_at, time_zone, local_day)
                select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::date[])
                on conflict do nothing returning session_id, user_id""")) {
            s.setArray(1, c.createArrayOf("uuid", column(firstSets, SetRow::sessionId)));
            s.setArray(2, c.createArrayOf("text", column(firstSets, SetRow::userId)));
            s.setArray(3, c.createArrayOf("text", column(firstSets, r -> text(r.recordedAt()))));
            s.setArray(4, c.createArrayOf("text", timeZones.toArray()));
            s.setArray(5, c.createArrayOf("text", column(firstSets, r -> r.day().toString())));
            Set<UUID> created = new HashSet<>();
            Set<String> users = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    created.add(rs.getObject(1, UUID.class));
                    users.add(rs.getString(2));
                }
            }
            zonesOf(users);
            return created;
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
        List<String> users = new ArrayList<>();
        try (var s =
                c.prepareStatement("delete from session_fact where session_id = any(?::uuid[]) returning user_id")) {
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        }
        zonesOf(users);
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

    private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
