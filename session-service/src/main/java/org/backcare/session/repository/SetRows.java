package org.backcare.session.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.backcare.outbox.Outbox;

/**
 * The write path of a single set in plain JDBC, in a datasource transaction of its own: a set is the request a
 * person makes most (one per hold), so it costs three round trips (the locks with the session's row, the set's and
 * its event's rows in one statement, the commit) and no ORM or JTA bookkeeping (no persistence context, no flush, no
 * dirty checking, no transaction manager). The rows read are detached entities ({@link StoredRows}); the rules and the events see
 * the same types as on every other path.
 */
@ApplicationScoped
public class SetRows {

    /**
     * The user's advisory lock (as {@link SessionRepository#lockUser}) and the session's row lock in one round trip:
     * the user's writes serialise, so outbox order is commit order for each user.
     */
    private static final String LOCK_SESSION = "select " + StoredRows.SESSION_COLUMNS
            + " from workout_session, (select pg_advisory_xact_lock(hashtextextended(?, 0))) as user_lock"
            + " where id = ? and user_id = ? for update of workout_session";

    /** A client's set id: the set already recorded with it, and whether it belonged to a deleted set. */
    private static final String SET_ID_USE = "select "
            + StoredRows.SET_COLUMNS.replaceAll("(\\w+)(,|$)", "s.$1$2")
            + ", r.retired from (select exists (select 1 from retired_id where id = ?) as retired) r"
            + " left join workout_set s on s.id = ?";

    private static final String INSERT_SET = "insert into workout_set (id, session_id, exercise_id, side, hold_seconds,"
            + " reps, target_hold_seconds, target_reps, pain, recorded_at, exercise_slug, exercise_name,"
            + " exercise_regions, exercise_measurement, exercise_sided, revision, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The set's row and its event's outbox row, in one round trip. */
    private static final String INSERT = INSERT_SET + "; " + Outbox.INSERT;

    /** What a client's set id is already used for; {@code set} is null when no set has it now. */
    public record SetIdUse(SetEntity set, UUID sessionId, boolean retired) {}

    /** The work of one set's transaction, on its connection ({@link #inTransaction}). */
    @FunctionalInterface
    public interface Work<T> {
        T on(Transaction transaction);
    }

    private final DataSource dataSource;
    private final Outbox outbox;

    public SetRows(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Runs {@code work} in a database transaction of its own on one pooled connection (no JTA: nothing else takes
     * part in a set's transaction), committed when it returns and rolled back when it throws; once committed, the
     * relay is nudged for the event it wrote. Must not be called inside a JTA transaction.
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Transaction transaction = new Transaction(c);
            try {
                T result = work.on(transaction);
                c.commit();
                if (transaction.written != null) {
                    outbox.committed(transaction.written);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a set's transaction failed: " + e.getMessage(), e);
        }
    }

    /** The statements of a set's transaction, on its connection. */
    public final class Transaction {

        private final Connection c;
        private Outbox.Entry written;

        private Transaction(Connection c) {
            this.c = c;
        }

        /**
         * Takes the user's lock and the session's row lock for the rest of the transaction; empty (and no lock kept
         * on a session) when the session does not exist or belongs to someone else.
         */
        public Optional<SessionEntity> lockSession(String userId, UUID sessionId) {
            try (PreparedStatement s = c.prepareStatement(LOCK_SESSION)) {
                s.setString(1, userId);
                s.setObject(2, sessionId);
                s.setString(3, userId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(StoredRows.session(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("locking session " + sessionId + " failed: " + e.getMessage(), e);
            }
        }

        /** What the set id {@code id} is used for, in one round trip; its set's session is {@code session} if it is. */
        public SetIdUse use(UUID id, SessionEntity session) {
            try (PreparedStatement s = c.prepareStatement(SET_ID_USE)) {
                s.setObject(1, id);
                s.setObject(2, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next(); // the subquery always answers one row
                    boolean retired = rs.getBoolean(18);
                    if (rs.getObject(1) == null) {
                        return new SetIdUse(null, null, retired);
                    }
                    SetEntity set = StoredRows.set(rs, Map.of(session.id, session));
                    return new SetIdUse(set, rs.getObject(2, UUID.class), retired);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading set " + id + " failed: " + e.getMessage(), e);
            }
        }

        /** Inserts {@code set} (its session is locked by {@link #lockSession}) and its event's outbox row. */
        public void insert(SetEntity set, Outbox.Entry event) {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setObject(1, set.id);
                s.setObject(2, set.session.id);
                s.setObject(3, set.exerciseId);
                s.setString(4, set.side == null ? null : set.side.name());
                setInteger(s, 5, set.holdSeconds);
                setInteger(s, 6, set.reps);
                setInteger(s, 7, set.targetHoldSeconds);
                setInteger(s, 8, set.targetReps);
                setInteger(s, 9, set.pain);
                s.setObject(10, set.recordedAt);
                s.setString(11, set.exerciseSlug);
                s.setString(12, set.exerciseName);
                s.setArray(
                        13,
                        set.exerciseRegions == null ? null : c.createArrayOf("text", set.exerciseRegions.toArray()));
                s.setString(14, set.exerciseMeasurement == null ? null : set.exerciseMeasurement.name());
                if (set.exerciseSided == null) {
                    s.setNull(15, Types.BOOLEAN);
                } else {
                    s.setBoolean(15, set.exerciseSided);
                }
                s.setInt(16, set.revision);
                s.setObject(17, set.createdAt);
                outbox.bindRow(s, 18, event);
                s.execute();
                written = event;
            } catch (SQLException e) {
                throw new IllegalStateException("recording set " + set.id + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
