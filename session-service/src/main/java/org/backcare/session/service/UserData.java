package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.backcare.session.event.SessionEventPublisher;
import org.backcare.session.event.UserErased;
import org.backcare.session.repository.RetiredIds;
import org.backcare.session.repository.SessionReader;
import org.backcare.session.repository.SessionRepository;
import org.backcare.session.repository.UserDataRepository;

/**
 * A person's rights over what this service holds about them: the export (everything, as it now stands) and the
 * erasure (everything, in one transaction, followed by workout.user.erased.v1 for the consumers).
 */
@ApplicationScoped
public class UserData {

    private final SessionReader reader;
    private final SessionRepository sessions;
    private final UserDataRepository rows;
    private final SessionEventPublisher events;
    private final RetiredIds retired;
    private final Clock clock;

    public UserData(
            SessionReader reader,
            SessionRepository sessions,
            UserDataRepository rows,
            SessionEventPublisher events,
            RetiredIds retired,
            Clock clock) {
        this.reader = reader;
        this.sessions = sessions;
        this.rows = rows;
        this.events = events;
        this.retired = retired;
        this.clock = clock;
    }

    /**
     * Hands on the user's sessions, oldest first, each with its current sets, a page at a time. Deleted sets and
     * sessions are not held any more, so they are not in it; a corrected set is as it now stands, with the number
     * of its corrections.
     */
    public void exportSessions(String userId, SessionReader.Sink<SessionReader.StoredSession> sink) throws IOException {
        reader.forEachSession(userId, sink);
    }

    /** Hands on what is kept of the user's requests that carried an Idempotency-Key, in order of key. */
    public void exportIdempotencyKeys(String userId, SessionReader.Sink<SessionReader.StoredKey> sink)
            throws IOException {
        reader.forEachIdempotencyKey(userId, sink);
    }

    /**
     * Erases the user in one transaction, under the user's lock (no write of theirs runs meanwhile): sets,
     * sessions, idempotency records and their events in the outbox (the bare ids of the sessions and sets stay
     * retired, never to be taken again); then appends workout.user.erased.v1 (also
     * when there was nothing to erase), which the relay publishes as their last event.
     */
    @Transactional
    public Erased erase(String userId) {
        OffsetDateTime now = SessionRecorder.micros(OffsetDateTime.now(clock));
        sessions.lockUser(userId);
        retired.retireUser(userId);
        int sets = rows.deleteSets(userId);
        int erasedSessions = rows.deleteSessions(userId);
        rows.deleteIdempotentRequests(userId);
        rows.deleteOutboxMessages(SessionEventPublisher.TOPIC, userId);
        events.userErased(new UserErased(UUID.randomUUID(), now, userId));
        return new Erased(userId, now, erasedSessions, sets);
    }

    /** What an erasure removed here. */
    public record Erased(String userId, OffsetDateTime erasedAt, int sessions, int sets) {}
}
