package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.backcare.session.config.SessionReaderConfig;

/**
 * The one definition of how sessions and their sets are read for the export (GET /me/data) and the history
 * stream (GET /admin/session-history): in order of user, start and id, in keyset pages, each page read in a
 * short transaction of its own and handed on before the next is read. So however much history there is, one page
 * is in memory, and no transaction stays open while a slow client reads.
 *
 * <p>Each page is read as it stands when it is read: a change committed after a session's page was read is not in
 * the stream, and reaches consumers as a live event instead.
 */
@ApplicationScoped
public class SessionReader {

    private static final int FETCH_SIZE = 2_000;

    private final DataSource dataSource;
    private final int sessionsPerPage;
    private final int keysPerPage;

    public SessionReader(SessionReaderConfig config, DataSource dataSource) {
        this.dataSource = dataSource;
        this.sessionsPerPage = config.sessionsPerPage();
        this.keysPerPage = config.keysPerPage();
    }

    /** Receives what was read, one item at a time; may write to a client. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /** A session with its current sets, ordered by recordedAt then id. */
    public record StoredSession(SessionEntity session, List<SetEntity> sets) {}

    /** What is kept of a request that carried an Idempotency-Key (status 0: not finished). */
    public record StoredKey(String key, String methodPath, int status, OffsetDateTime createdAt) {}

    /** Every session of {@code userId}, or of every user when it is null, with its sets. */
    public void forEachSession(String userId, Sink<StoredSession> sink) throws IOException {
        SessionEntity last = null;
        List<StoredSession> page;
        do {
            SessionEntity after = last;
            page = QuarkusTransaction.requiringNew().call(() -> sessionPage(userId, after));
            for (StoredSession session : page) {
                sink.accept(session);
            }
            last = page.isEmpty() ? null : page.get(page.size() - 1).session();
        } while (page.size() == sessionsPerPage);
    }

    /** The user's kept idempotency records, in order of key. */
    public void forEachIdempotencyKey(String userId, Sink<StoredKey> sink) throws IOException {
        String last = null;
        List<StoredKey> page;
        do {
            String after = last;
            page = QuarkusTransaction.requiringNew().call(() -> keyPage(userId, after));
            for (StoredKey key : page) {
                sink.accept(key);
            }
            last = page.isEmpty() ? null : page.get(page.size() - 1).key();
        } while (page.size() == keysPerPage);
    }

    /**
     * One page read with plain JDBC into detached entities (no persistence context: nothing is tracked, flushed or
     * kept once the page is handed on), in two statements: the page's sessions, then all their sets.
     */
    private List<StoredSession> sessionPage(String userId, SessionEntity after) {
        StringBuilder sql =
                new StringBuilder("select " + StoredRows.SESSION_COLUMNS + " from workout_session where true");
        if (userId != null) {
            sql.append(" and user_id = ?");
        }
        if (after != null) {
            sql.append(" and (user_id, started_at, id) > (?, ?, ?)");
        }
        sql.append(" order by user_id, started_at, id limit ?");
        try (Connection c = dataSource.getConnection()) {
            List<SessionEntity> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int p = 1;
                if (userId != null) {
                    s.setString(p++, userId);
                }
                if (after != null) {
                    s.setString(p++, after.userId);
                    s.setObject(p++, after.startedAt);
                    s.setObject(p++, after.id);
                }
                s.setInt(p, sessionsPerPage);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(StoredRows.session(rs));
                    }
                }
            }
            if (found.isEmpty()) {
                return List.of();
            }
            Map<UUID, SessionEntity> byId = new LinkedHashMap<>();
            Map<UUID, List<SetEntity>> sets = new LinkedHashMap<>();
            for (SessionEntity session : found) {
                byId.put(session.id, session);
                sets.put(session.id, new ArrayList<>());
            }
            try (PreparedStatement s = c.prepareStatement("select " + StoredRows.SET_COLUMNS
                    + " from workout_set where session_id = any(?) order by session_id, recorded_at, id")) {
                s.setArray(1, c.createArrayOf("uuid", byId.keySet().toArray()));
                s.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        SetEntity set = StoredRows.set(rs, byId);
                        sets.get(set.session.id).add(set);
                    }
                }
            }
            List<StoredSession> page = new ArrayList<>(found.size());
            for (SessionEntity session : found) {
                page.add(new StoredSession(session, sets.get(session.id)));
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("reading a page of sessions failed: " + e.getMessage(), e);
        }
    }

    private List<StoredKey> keyPage(String userId, String after) {
        String sql = "select idempotency_key, method_path, status, created_at from idempotent_request"
                + " where user_id = ?1" + (after == null ? "" : " and idempotency_key > ?2")
                + " order by idempotency_key";
        var query = Panache.getEntityManager().createNativeQuery(sql, Object[].class);
        query.setParameter(1, userId).setMaxResults(keysPerPage);
        if (after != null) {
            query.setParameter(2, after);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(r -> new StoredKey((String) r[0], (String) r[1], ((Number) r[2]).intValue(), instant(r[3])))
                .toList();
    }

    private static OffsetDateTime instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }
}
