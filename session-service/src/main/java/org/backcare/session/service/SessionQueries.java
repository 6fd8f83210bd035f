package org.backcare.session.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionRepository;

/** Reads a user's own sessions. */
@ApplicationScoped
public class SessionQueries {

    private final SessionRepository sessions;

    public SessionQueries(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Transactional
    public Optional<SessionEntity> find(String userId, UUID sessionId) {
        Optional<SessionEntity> session = sessions.findOwned(sessionId, userId);
        session.ifPresent(s -> s.sets.size());
        return session;
    }

    /** The user's sessions that started in [from, to), newest first. */
    @Transactional
    public Listing list(String userId, OffsetDateTime from, OffsetDateTime to, int page, int size) {
        StringBuilder query = new StringBuilder("userId = :user");
        Parameters parameters = Parameters.with("user", userId);
        if (from != null) {
            query.append(" and startedAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            query.append(" and startedAt < :to");
            parameters.and("to", to);
        }
        var found = sessions.find(query.toString(), Sort.descending("startedAt").and("id"), parameters);
        long total = found.count();
        List<SessionEntity> items = found.page(Page.of(page, size)).list();
        items.forEach(s -> s.sets.size());
        return new Listing(items, page, size, total);
    }

    public record Listing(List<SessionEntity> items, int page, int size, long total) {}
}
