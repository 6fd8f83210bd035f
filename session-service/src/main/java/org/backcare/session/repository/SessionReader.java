package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private final int sessionsPerPage;
    private final int keysPerPage;

    public SessionReader(SessionReaderConfig config) {
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

    private List<StoredSession> sessionPage(String userId, SessionEntity after) {
        var em = Panache.getEntityManager();
        StringBuilder query = new StringBuilder("from SessionEntity s where 1 = 1");
        if (userId != null) {
            query.append(" and s.userId = :user");
        }
        if (after != null) {
            query.append(" and (s.userId, s.startedAt, s.id) > (:afterUser, :afterStart, :afterId)");
        }
        query.append(" order by s.userId, s.startedAt, s.id");
        var sessions = em.createQuery(query.toString(), SessionEntity.class).setMaxResults(sessionsPerPage);
        if (userId != null) {
            sessions.setParameter("user", userId);
        }
        if (after != null) {
            sessions.setParameter("afterUser", after.userId)
                    .setParameter("afterStart", after.startedAt)
                    .setParameter("afterId", after.id);
        }
        List<SessionEntity> found = sessions.getResultList();
        if (found.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<SetEntity>> sets = new LinkedHashMap<>();
        found.forEach(s -> sets.put(s.id, new ArrayList<>()));
        em.createQuery(
                        "from SetEntity st where st.session.id in :ids order by st.session.id, st.recordedAt, st.id",
                        SetEntity.class)
                .setParameter("ids", sets.keySet())
                .getResultList()
                .forEach(set -> sets.get(set.session.id).add(set));
        return found.stream()
                .map(s -> new StoredSession(s, List.copyOf(sets.get(s.id))))
                .toList();
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
