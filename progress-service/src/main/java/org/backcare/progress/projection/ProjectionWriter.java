package org.backcare.progress.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;
import org.backcare.progress.projection.Touched.ExerciseDay;
import org.backcare.progress.projection.Touched.UserDay;

/**
 * The projections' SQL, on the one connection of a batch's transaction: the claims, a deletion's facts, and the
 * rollups recomputed from the facts for the keys a batch touched. The other facts go through {@link ReplayWriter}'s
 * bulk statements.
 */
public final class ProjectionWriter {

    /** The advisory lock batches share and a rebuild takes alone. */
    public static final long PROJECTION_LOCK = 0x70726f6772657373L; // "progress"

    private final Connection c;

    public ProjectionWriter(Connection connection) {
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

    /** Writes the set; false when it is already known (recorded or deleted before). */
    public boolean insertSet(
            UUID setId,
            UUID sessionId,
            String userId,
            ExerciseSnapshot exercise,
            String side,
            LocalDate day,
            OffsetDateTime recordedAt,
            Integer holdSeconds,
            Integer reps,
            Integer targetHold,
            Integer targetReps,
            Integer pain,
            boolean deleted)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into set_fact (set_id, session_id, user_id, exercise_id, side, local_day, recorded_at,
                                      hold_seconds, reps, target_hold_seconds, target_reps, pain, deleted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            s.setObject(1, setId);
            s.setObject(2, sessionId);
            s.setString(3, userId);
            s.setObject(4, exercise.id());
            s.setString(5, side);
            s.setObject(6, day);
            s.setObject(7, recordedAt);
            setInt(s, 8, holdSeconds);
            setInt(s, 9, reps);
            setInt(s, 10, targetHold);
            setInt(s, 11, targetReps);
            setInt(s, 12, pain);
            s.setBoolean(13, deleted);
            return s.executeUpdate() == 1;
        }
    }

    /** A live set as it was before its deletion. */
    public record DeletedSet(
            UUID sessionId, String userId, UUID exerciseId, String side, LocalDate day, long holdSeconds, long reps) {}

    /** Marks a live set deleted; answers what it was, or null if it was not live. */
    public DeletedSet deleteSet(UUID setId) throws SQLException {
        try (var s = c.prepareStatement("""
                update set_fact set deleted = true where set_id = ? and not deleted
                returning session_id, user_id, exercise_id, side, local_day, coalesce(hold_seconds, 0), coalesce(reps, 0)""")) {
            s.setObject(1, setId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? deletedSet(rs) : null;
            }
        }
    }

    /** A live set as it was before a correction. */
    public record CorrectedSet(
            UUID sessionId,
            String userId,
            UUID exerciseId,
            String side,
            LocalDate day,
            long holdSecondsBefore,
            long repsBefore) {}

    /** Corrects a live set's seconds, repetitions and pain; answers what it was, or null if it was not live. */
    public CorrectedSet correctSet(UUID setId, Integer holdSeconds, Integer reps, Integer pain) throws SQLException {
        try (var s = c.prepareStatement("""
                with before as (
                    select set_id, coalesce(hold_seconds, 0) as hold, coalesce(reps, 0) as reps
                    from set_fact where set_id = ? and not deleted for update)
                update set_fact f set hold_seconds = ?, reps = ?, pain = ?
                from before where f.set_id = before.set_id
                returning f.session_id, f.user_id, f.exercise_id, f.side, f.local_day, before.hold, before.reps""")) {
            s.setObject(1, setId);
            s.setObject(2, holdSeconds, Types.INTEGER);
            s.setObject(3, reps, Types.INTEGER);
            s.setObject(4, pain, Types.INTEGER);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new CorrectedSet(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getLong(6),
                        rs.getLong(7));
            }
        }
    }

    /** A row of {@code returning session_id, user_id, exercise_id, side, local_day, hold, reps}. */
    private static DeletedSet deletedSet(ResultSet rs) throws SQLException {
        return new DeletedSet(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                rs.getLong(6),
                rs.getLong(7));
    }

    /** Marks every live set of the session deleted; answers what each was. */
    public List<DeletedSet> deleteSetsOfSession(UUID sessionId) throws SQLException {
        try (var s = c.prepareStatement("""
                update set_fact set deleted = true where session_id = ? and not deleted
                returning session_id, user_id, exercise_id, side, local_day, coalesce(hold_seconds, 0), coalesce(reps, 0)""")) {
            s.setObject(1, sessionId);
            List<DeletedSet> deleted = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    deleted.add(deletedSet(rs));
                }
            }
            return deleted;
        }
    }

    /** Deletes the session's fact; answers its user and day, or null if there was none. */
    public Touched.UserDay deleteSession(UUID sessionId) throws SQLException {
        try (var s = c.prepareStatement("delete from session_fact where session_id = ? returning user_id, local_day")) {
            s.setObject(1, sessionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Touched.UserDay(rs.getString(1), rs.getObject(2, LocalDate.class)) : null;
            }
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

    // --- rollups ------------------------------------------------------------------------------------------

    /** Recomputes the touched sessions' set aggregates and pain flags from their live sets. */
    public void recomputeSessions(Set<UUID> sessions) throws SQLException {
        if (sessions.isEmpty()) {
            return;
        }
        Array ids = c.createArrayOf("uuid", sessions.toArray());
        try (var s = c.prepareStatement("""
                update session_fact s set sets = a.sets, hold_seconds = a.hold, reps = a.reps, max_pain = a.max_pain
                from (select t.id, count(f.set_id) as sets, coalesce(sum(f.hold_seconds), 0) as hold,
                             coalesce(sum(f.reps), 0) as reps, max(f.pain) as max_pain
                      from unnest(?::uuid[]) t(id)
                      left join set_fact f on f.session_id = t.id and not f.deleted
                      group by t.id) a
                where s.session_id = a.id""")) {
            s.setArray(1, ids);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("delete from pain_flag where session_id = any(?::uuid[])")) {
            s.setArray(1, ids);
            s.executeUpdate();
        }
        Map<UUID, PainFlags.Session> byId = new LinkedHashMap<>();
        try (var s = c.prepareStatement("""
                select session_id, user_id, local_day, started_at, ended_at, pain_before, pain_after
                from session_fact where session_id = any(?::uuid[])""")) {
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    byId.put(
                            id,
                            new PainFlags.Session(
                                    id,
                                    rs.getString(2),
                                    rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, OffsetDateTime.class),
                                    rs.getObject(5, OffsetDateTime.class),
                                    integer(rs, 6),
                                    integer(rs, 7)));
                }
            }
        }
        Map<UUID, List<PainFlags.SetPain>> sets = new LinkedHashMap<>();
        try (var s = c.prepareStatement("""
                select session_id, set_id, exercise_id, local_day, recorded_at, pain from set_fact
                where session_id = any(?::uuid[]) and not deleted order by session_id, recorded_at, set_id""")) {
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sets.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new PainFlags.SetPain(
                                    rs.getObject(2, UUID.class),
                                    rs.getObject(3, UUID.class),
                                    rs.getObject(4, LocalDate.class),
                                    rs.getObject(5, OffsetDateTime.class),
                                    integer(rs, 6)));
                }
            }
        }
        try (var s = c.prepareStatement("""
                insert into pain_flag (session_id, position, user_id, kind, local_day, occurred_at, pain, pain_from,
                                       set_id, exercise_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            boolean any = false;
            for (PainFlags.Session session : byId.values()) {
                for (PainFlags.Flag f : PainFlags.of(session, sets.getOrDefault(session.sessionId(), List.of()))) {
                    s.setObject(1, f.sessionId());
                    s.setInt(2, f.position());
                    s.setString(3, f.userId());
                    s.setString(4, f.kind());
                    s.setObject(5, f.day());
                    s.setObject(6, f.occurredAt());
                    s.setInt(7, f.pain());
                    setInt(s, 8, f.painFrom());
                    s.setObject(9, f.setId());
                    s.setObject(10, f.exerciseId());
                    s.addBatch();
                    any = true;
                }
            }
            if (any) {
                s.executeBatch();
            }
        }
    }

    /** Recomputes the touched (user, exercise, side, day) rollups from the live sets. */
    public void recomputeExerciseDays(Set<ExerciseDay> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        Array users =
                c.createArrayOf("text", keys.stream().map(ExerciseDay::userId).toArray());
        Array exercises = c.createArrayOf(
                "uuid", keys.stream().map(ExerciseDay::exerciseId).toArray());
        Array sides =
                c.createArrayOf("text", keys.stream().map(ExerciseDay::side).toArray());
        Array days = c.createArrayOf(
                "date", keys.stream().map(k -> Date.valueOf(k.day())).toArray());
        try (var s = c.prepareStatement("""
                delete from daily_exercise d using unnest(?::text[], ?::uuid[], ?::text[], ?::date[]) t(u, e, s, d)
                where d.user_id = t.u and d.exercise_id = t.e and d.side = t.s and d.local_day = t.d""")) {
            s.setArray(1, users);
            s.setArray(2, exercises);
            s.setArray(3, sides);
            s.setArray(4, days);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("""
                insert into daily_exercise (user_id, exercise_id, side, local_day, sets, hold_sets, hold_seconds,
                                            best_hold, reps, best_reps, pain_sum, pain_count, max_pain)
                select f.user_id, f.exercise_id, f.side, f.local_day, count(*), count(f.hold_seconds),
                       coalesce(sum(f.hold_seconds), 0), max(f.hold_seconds), coalesce(sum(f.reps), 0), max(f.reps),
                       coalesce(sum(f.pain), 0), count(f.pain), max(f.pain)
                from (select distinct * from unnest(?::text[], ?::uuid[], ?::text[], ?::date[])) t(u, e, s, d)
                join set_fact f on f.user_id = t.u and f.exercise_id = t.e and f.side = t.s and f.local_day = t.d
                where not f.deleted
                group by f.user_id, f.exercise_id, f.side, f.local_day""")) {
            s.setArray(1, users);
            s.setArray(2, exercises);
            s.setArray(3, sides);
            s.setArray(4, days);
            s.executeUpdate();
        }
    }

    /** A (user, day) whose active state changed: it now has live sets, or no longer has any. */
    public record DayChange(String userId, LocalDate day, boolean active) {}

    /** Recomputes the touched (user, day) rollups; answers the days that became active or inactive. */
    public List<DayChange> recomputeDays(Set<UserDay> keys) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        Array users = c.createArrayOf("text", keys.stream().map(UserDay::userId).toArray());
        Array days = c.createArrayOf(
                "date", keys.stream().map(k -> Date.valueOf(k.day())).toArray());
        Set<UserDay> wasActive = new HashSet<>();
        try (var s = c.prepareStatement("""
                delete from daily_activity d using unnest(?::text[], ?::date[]) t(u, d)
                where d.user_id = t.u and d.local_day = t.d returning d.user_id, d.local_day, d.sets""")) {
            s.setArray(1, users);
            s.setArray(2, days);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(3) > 0) {
                        wasActive.add(new UserDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    }
                }
            }
        }
        Set<UserDay> isActive = new HashSet<>();
        try (var s = c.prepareStatement("""
                insert into daily_activity (user_id, local_day, sessions, sets, hold_seconds, reps, duration_seconds,
                                            pain_before_sum, pain_before_count, pain_after_sum, pain_after_count)
                select t.u, t.d, ss.sessions, fs.sets, fs.hold, fs.reps, ss.duration, ss.pb_sum, ss.pb_count,
                       ss.pa_sum, ss.pa_count
                from (select distinct * from unnest(?::text[], ?::date[])) t(u, d)
                cross join lateral (
                    select count(*) as sessions,
                           coalesce(sum(extract(epoch from (ended_at - started_at)))::bigint, 0) as duration,
                           coalesce(sum(pain_before), 0) as pb_sum, count(pain_before) as pb_count,
                           coalesce(sum(pain_after), 0) as pa_sum, count(pain_after) as pa_count
                    from session_fact where user_id = t.u and local_day = t.d) ss
                cross join lateral (
                    select count(*) as sets, coalesce(sum(hold_seconds), 0) as hold, coalesce(sum(reps), 0) as reps
                    from set_fact where user_id = t.u and local_day = t.d and not deleted) fs
                where ss.sessions > 0 or fs.sets > 0
                returning user_id, local_day, sets""")) {
            s.setArray(1, users);
            s.setArray(2, days);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(3) > 0) {
                        isActive.add(new UserDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    }
                }
            }
        }
        List<DayChange> changes = new ArrayList<>();
        for (UserDay key : keys) {
            boolean before = wasActive.contains(key);
            boolean after = isActive.contains(key);
            if (before != after) {
                changes.add(new DayChange(key.userId(), key.day(), after));
            }
        }
        return changes;
    }

    /** Keeps the runs of consecutive active days in step with a day that became active or inactive. */
    public void applyToRuns(DayChange change) throws SQLException {
        LocalDate day = change.day();
        if (change.active()) {
            LocalDate first = day;
            LocalDate last = day;
            try (var s = c.prepareStatement(
                    "delete from active_run where user_id = ? and last_day = ? returning first_day")) {
                s.setString(1, change.userId());
                s.setObject(2, day.minusDays(1));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        first = rs.getObject(1, LocalDate.class);
                    }
                }
            }
            try (var s = c.prepareStatement(
                    "delete from active_run where user_id = ? and first_day = ? returning last_day")) {
                s.setString(1, change.userId());
                s.setObject(2, day.plusDays(1));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        last = rs.getObject(1, LocalDate.class);
                    }
                }
            }
            insertRun(change.userId(), first, last);
        } else {
            LocalDate first = null;
            LocalDate last = null;
            try (var s = c.prepareStatement("""
                    delete from active_run where user_id = ? and first_day <= ? and last_day >= ?
                    returning first_day, last_day""")) {
                s.setString(1, change.userId());
                s.setObject(2, day);
                s.setObject(3, day);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        first = rs.getObject(1, LocalDate.class);
                        last = rs.getObject(2, LocalDate.class);
                    }
                }
            }
            if (first != null && first.isBefore(day)) {
                insertRun(change.userId(), first, day.minusDays(1));
            }
            if (last != null && last.isAfter(day)) {
                insertRun(change.userId(), day.plusDays(1), last);
            }
        }
    }

    private void insertRun(String userId, LocalDate first, LocalDate last) throws SQLException {
        try (var s = c.prepareStatement("insert into active_run (user_id, first_day, last_day) values (?, ?, ?)")) {
            s.setString(1, userId);
            s.setObject(2, first);
            s.setObject(3, last);
            s.executeUpdate();
        }
    }

    /** Adds the batch's deltas to each user's running totals. */
    public void addToTotals(Map<String, Touched.TotalsDelta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement("""
                insert into user_totals (user_id, sessions, sets, hold_seconds, reps) values (?, ?, ?, ?, ?)
                on conflict (user_id) do update set
                    sessions = user_totals.sessions + excluded.sessions,
                    sets = user_totals.sets + excluded.sets,
                    hold_seconds = user_totals.hold_seconds + excluded.hold_seconds,
                    reps = user_totals.reps + excluded.reps,
                    updated_at = now()""")) {
            for (var e : deltas.entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue().sessions);
                s.setLong(3, e.getValue().sets);
                s.setLong(4, e.getValue().holdSeconds);
                s.setLong(5, e.getValue().reps);
                s.addBatch();
            }
            s.executeBatch();
        }
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
