package org.backcare.progress.projection.rebuild;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.backcare.progress.jdbc.Jdbc;

/** The table {@code rebuild_run}: each rebuild's state, read by any instance, found again after a restart. */
@ApplicationScoped
public class RebuildRuns {

    private static final String COLUMNS = "id, state, started_at, finished_at, users, records, applied,"
            + " poison_skipped, duration_millis, events_per_second, error";

    private final Jdbc jdbc;

    public RebuildRuns(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The rebuild {@code id}, if there is one. */
    public Optional<RebuildStatus> find(UUID id) {
        return jdbc.queryFirst(
                "select " + COLUMNS + " from rebuild_run where id = ?", s -> s.setObject(1, id), RebuildRuns::status);
    }

    static void started(Connection c, UUID id) throws SQLException {
        try (var s =
                c.prepareStatement("insert into rebuild_run (id, state, started_at) values (?, 'running', now())")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    static void done(Connection c, UUID id, ProjectionRebuild.Result r) throws SQLException {
        try (var s = c.prepareStatement("""
                update rebuild_run set state = 'done', finished_at = now(), users = ?, records = ?, applied = ?,
                  poison_skipped = ?, duration_millis = ?, events_per_second = ?
                where id = ?""")) {
            s.setLong(1, r.users());
            s.setLong(2, r.records());
            s.setLong(3, r.applied());
            s.setLong(4, r.poisonSkipped());
            s.setLong(5, r.durationMillis());
            s.setLong(6, r.eventsPerSecond());
            s.setObject(7, id);
            s.executeUpdate();
        }
    }

    static void failed(Connection c, UUID id, String error) throws SQLException {
        try (var s = c.prepareStatement(
                "update rebuild_run set state = 'failed', finished_at = now(), error = ? where id = ?")) {
            s.setString(1, error);
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    /**
     * Marks every rebuild still {@code running} as failed: called only while holding the projection lock alone (or
     * having found it free), so none of them is running any more; answers how many.
     */
    static int interrupted(Connection c) throws SQLException {
        try (var s = c.prepareStatement("update rebuild_run set state = 'failed', finished_at = now(), error = ?"
                + " where state = 'running'")) {
            s.setString(1, "interrupted (the instance stopped); the live projections were not changed: start it again");
            return s.executeUpdate();
        }
    }

    private static RebuildStatus status(ResultSet rs) throws SQLException {
        return new RebuildStatus(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                instant(rs.getTimestamp(3)),
                instant(rs.getTimestamp(4)),
                (Long) rs.getObject(5),
                (Long) rs.getObject(6),
                (Long) rs.getObject(7),
                (Long) rs.getObject(8),
                (Long) rs.getObject(9),
                (Long) rs.getObject(10),
                rs.getString(11));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
