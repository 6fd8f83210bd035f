package org.backcare.session.repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.session.domain.Measurement;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.domain.Side;

/**
 * The one definition of how a session row and a set row read into detached entities with plain JDBC (no
 * persistence context: nothing is tracked or flushed), for every reader that does not go through the ORM: the
 * export and history pages (SessionReader) and the set write path (SetRows).
 */
final class StoredRows {

    /** A session row's columns, in the order {@link #session} reads them. */
    static final String SESSION_COLUMNS = "id, user_id, routine_id, started_at, ended_at, time_zone,"
            + " pain_before, pain_after, notes, status, created_at, completed_at";

    /** A set row's columns, in the order {@link #set} reads them. */
    static final String SET_COLUMNS = "id, session_id, exercise_id, side, hold_seconds, reps,"
            + " target_hold_seconds, target_reps, pain, recorded_at, exercise_slug, exercise_name, exercise_regions,"
            + " exercise_measurement, exercise_sided, revision, created_at";

    private StoredRows() {}

    /** The session of the current row, read from {@link #SESSION_COLUMNS} (columns 1 to 12). */
    static SessionEntity session(ResultSet rs) throws SQLException {
        SessionEntity session = new SessionEntity();
        session.id = rs.getObject(1, UUID.class);
        session.userId = rs.getString(2);
        session.routineId = rs.getObject(3, UUID.class);
        session.startedAt = utc(rs.getObject(4, OffsetDateTime.class));
        session.endedAt = utc(rs.getObject(5, OffsetDateTime.class));
        session.timeZone = rs.getString(6);
        session.painBefore = integer(rs, 7);
        session.painAfter = integer(rs, 8);
        session.notes = rs.getString(9);
        session.status = SessionStatus.valueOf(rs.getString(10));
        session.createdAt = utc(rs.getObject(11, OffsetDateTime.class));
        session.completedAt = utc(rs.getObject(12, OffsetDateTime.class));
        return session;
    }

    /**
     * The set of the current row, read from {@link #SET_COLUMNS} (columns 1 to 17); its session is looked up in
     * {@code sessions} (null when it is not there).
     */
    static SetEntity set(ResultSet rs, Map<UUID, SessionEntity> sessions) throws SQLException {
        SetEntity set = new SetEntity();
        set.id = rs.getObject(1, UUID.class);
        set.session = sessions.get(rs.getObject(2, UUID.class));
        set.exerciseId = rs.getObject(3, UUID.class);
        String side = rs.getString(4);
        set.side = side == null ? null : Side.valueOf(side);
        set.holdSeconds = integer(rs, 5);
        set.reps = integer(rs, 6);
        set.targetHoldSeconds = integer(rs, 7);
        set.targetReps = integer(rs, 8);
        set.pain = integer(rs, 9);
        set.recordedAt = utc(rs.getObject(10, OffsetDateTime.class));
        set.exerciseSlug = rs.getString(11);
        set.exerciseName = rs.getString(12);
        Array regions = rs.getArray(13);
        set.exerciseRegions = regions == null ? null : List.of((String[]) regions.getArray());
        String measurement = rs.getString(14);
        set.exerciseMeasurement = measurement == null ? null : Measurement.valueOf(measurement);
        boolean sided = rs.getBoolean(15);
        set.exerciseSided = rs.wasNull() ? null : sided;
        set.revision = rs.getInt(16);
        set.createdAt = utc(rs.getObject(17, OffsetDateTime.class));
        return set;
    }

    static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
