package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionEntity, UUID> {

    /** The user's session, or empty when it does not exist or belongs to someone else. */
    public Optional<SessionEntity> findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    /** The user's session, locked for the rest of the transaction. */
    public Optional<SessionEntity> findOwnedForUpdate(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Serialises the user's writes for the rest of the transaction, so that outbox order is commit order for
     * each user (their events reach Kafka in the order they happened).
     */
    public void lockUser(String userId) {
        getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, userId)
                .getSingleResult();
    }
}
