package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.UUID;

/**
 * The ids of deleted sessions and sets, kept so that they are never taken again: the ids of their events derive from
 * them (EventIds), and a consumer drops an event whose id it has processed before. Only the bare ids are kept, not
 * whose they were.
 */
@ApplicationScoped
public class RetiredIds {

    /** A set about to be deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retireSet(UUID setId) {
        Panache.getEntityManager()
                .createNativeQuery("insert into retired_id (id) values (?1) on conflict do nothing")
                .setParameter(1, setId)
                .executeUpdate();
    }

    /** A session about to be deleted, with its sets (still there: call it before the deletion). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retireSession(UUID sessionId) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into retired_id (id)
                        select id from workout_set where session_id = ?1 union all select ?1
                        on conflict do nothing""")
                .setParameter(1, sessionId)
                .executeUpdate();
    }

    /** Every session and set of a user about to be erased (call it before the erasure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retireUser(String userId) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into retired_id (id)
                        select st.id from workout_set st join workout_session s on s.id = st.session_id
                        where s.user_id = ?1
                        union all select id from workout_session where user_id = ?1
                        on conflict do nothing""")
                .setParameter(1, userId)
                .executeUpdate();
    }

    public boolean isRetired(UUID id) {
        return anyRetired(java.util.List.of(id));
    }

    public boolean anyRetired(Collection<UUID> ids) {
        return ((Number) Panache.getEntityManager()
                                .createNativeQuery("select count(*) from retired_id where id in (:ids)")
                                .setParameter("ids", ids)
                                .getSingleResult())
                        .longValue()
                > 0;
    }
}
