package org.backcare.session;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Collection;
import java.util.UUID;

/** What the session database holds, counted straight from its tables (each count in its own transaction). */
final class SessionTables {

    private SessionTables() {}

    static long sessionsOf(String user) {
        return count("select count(*) from workout_session where user_id = ?1", user);
    }

    static long setsOf(String user) {
        return count(
                "select count(*) from workout_set where session_id in (select id from workout_session where user_id = ?1)",
                user);
    }

    /** Sets by id, wherever they are: an erased user's sets have no session left to find them by. */
    static long setsWithIds(Collection<UUID> ids) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select count(*) from workout_set where id in (:ids)")
                                .setParameter("ids", ids)
                                .getSingleResult())
                        .longValue());
    }

    static long idempotentRequestsOf(String user) {
        return count("select count(*) from idempotent_request where user_id = ?1", user);
    }

    static long outboxRowsOf(String user) {
        return count("select count(*) from outbox_message where message_key = ?1", user);
    }

    static long outboxRowsOf(String user, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery(
                                        "select count(*) from outbox_message where message_key = ?1 and type = ?2")
                                .setParameter(1, user)
                                .setParameter(2, type)
                                .getSingleResult())
                        .longValue());
    }

    private static long count(String sql, String user) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery(sql)
                                .setParameter(1, user)
                                .getSingleResult())
                        .longValue());
    }
}
