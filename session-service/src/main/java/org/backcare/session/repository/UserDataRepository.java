package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Removes a user's rows for the erasure (DELETE /me), table by table, inside the erasure's transaction. */
@ApplicationScoped
public class UserDataRepository {

    /** The sets of the user's sessions; answers how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteSets(String userId) {
        return update(
                "delete from workout_set where session_id in (select id from workout_session where user_id = ?1)",
                userId);
    }

    /** The user's sessions (their sets first); answers how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteSessions(String userId) {
        return update("delete from workout_session where user_id = ?1", userId);
    }

    /** What was kept of the user's requests with an Idempotency-Key (their answers hold the user's data). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteIdempotentRequests(String userId) {
        return update("delete from idempotent_request where user_id = ?1", userId);
    }

    /**
     * The user's events still in the outbox (keyed by user id): the ones not yet published, which so never reach
     * Kafka, and the ones kept after publication for support, which carry the same personal data.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteOutboxMessages(String topic, String userId) {
        return Panache.getEntityManager()
                .createNativeQuery("delete from outbox_message where topic = ?1 and message_key = ?2")
                .setParameter(1, topic)
                .setParameter(2, userId)
                .executeUpdate();
    }

    private static int update(String sql, String userId) {
        return Panache.getEntityManager()
                .createNativeQuery(sql)
                .setParameter(1, userId)
                .executeUpdate();
    }
}
