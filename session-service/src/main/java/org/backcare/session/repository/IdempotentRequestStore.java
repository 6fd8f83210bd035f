package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Claims and answers of requests that carried an Idempotency-Key; each call commits on its own. */
@ApplicationScoped
public class IdempotentRequestStore {

    /** Status of a claim whose request has not finished. */
    public static final int PENDING = 0;

    /** Claims the key for this request; false when the key was claimed before. */
    public boolean claim(String userId, String key, String methodPath, String hash) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                                .createNativeQuery("""
                                insert into idempotent_request (user_id, idempotency_key, method_path, request_hash, status)
                                values (?1, ?2, ?3, ?4, 0) on conflict do nothing
                                """)
                                .setParameter(1, userId)
                                .setParameter(2, key)
                                .setParameter(3, methodPath)
                                .setParameter(4, hash)
                                .executeUpdate()
                        == 1);
    }

    public Optional<Stored> find(String userId, String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery(
                            "select method_path, request_hash, status, response_body, location from idempotent_request"
                                    + " where user_id = ?1 and idempotency_key = ?2",
                            Object[].class)
                    .setParameter(1, userId)
                    .setParameter(2, key)
                    .getResultList();
            return rows.stream()
                    .findFirst()
                    .map(r -> new Stored(
                            (String) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3], (String) r[4]));
        });
    }

    public void complete(String userId, String key, int status, String body, String location) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "update idempotent_request set status = ?3, response_body = ?4, location = ?5"
                                        + " where user_id = ?1 and idempotency_key = ?2")
                        .setParameter(1, userId)
                        .setParameter(2, key)
                        .setParameter(3, status)
                        .setParameter(4, body)
                        .setParameter(5, location)
                        .executeUpdate());
    }

    /** Gives the key back after a failed request, so a corrected retry may use it. */
    public void release(String userId, String key) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "delete from idempotent_request where user_id = ?1 and idempotency_key = ?2 and status = 0")
                        .setParameter(1, userId)
                        .setParameter(2, key)
                        .executeUpdate());
    }

    /** A request as it was answered. */
    public record Stored(String methodPath, String hash, int status, String body, String location) {}
}
