package org.backcare.idempotency;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Claims and answers of requests that carried an Idempotency-Key, in the service's own {@code idempotent_request}
 * table (each service creates it with its own Flyway migration). Each call commits on its own. Times are the
 * database's, so the replicas of a service agree on what has expired.
 */
@ApplicationScoped
public class IdempotentRequestStore {

    /** Status of a claim whose request has not finished. */
    public static final int PENDING = 0;

    private final IdempotencyConfig config;

    public IdempotentRequestStore(IdempotencyConfig config) {
        this.config = config;
    }

    /**
     * Claims the key for this request: true when the key was free, its record had expired, or its claim was left
     * pending for longer than the pending timeout (the request that took it never finished); false otherwise.
     */
    public boolean claim(String userId, String key, String methodPath, String hash) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                                .createNativeQuery("""
                                insert into idempotent_request (user_id, idempotency_key, method_path, request_hash, status)
                                values (?1, ?2, ?3, ?4, 0)
                                on conflict (user_id, idempotency_key) do update
                                    set method_path = excluded.method_path, request_hash = excluded.request_hash,
                                        status = 0, response_body = null, location = null, etag = null,
                                        created_at = now()
                                    where idempotent_request.created_at < now() - make_interval(secs => ?5)
                                       or (idempotent_request.status = 0
                                           and idempotent_request.created_at < now() - make_interval(secs => ?6))
                                """)
                                .setParameter(1, userId)
                                .setParameter(2, key)
                                .setParameter(3, methodPath)
                                .setParameter(4, hash)
                                .setParameter(5, seconds(config.retention()))
                                .setParameter(6, seconds(config.pendingTimeout()))
                                .executeUpdate()
                        == 1);
    }

    /** The key's record, unless it has expired. */
    public Optional<Stored> find(String userId, String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery("""
                            select method_path, request_hash, status, response_body, location, etag
                            from idempotent_request
                            where user_id = ?1 and idempotency_key = ?2
                              and created_at >= now() - make_interval(secs => ?3)""", Object[].class)
                    .setParameter(1, userId)
                    .setParameter(2, key)
                    .setParameter(3, seconds(config.retention()))
                    .getResultList();
            return rows.stream()
                    .findFirst()
                    .map(r -> new Stored(
                            (String) r[0],
                            (String) r[1],
                            ((Number) r[2]).intValue(),
                            (String) r[3],
                            (String) r[4],
                            (String) r[5]));
        });
    }

    /** Keeps the answer of the request that holds the claim. */
    public void complete(String userId, String key, Answer answer) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("""
                                update idempotent_request set status = ?3, response_body = ?4, location = ?5, etag = ?6
                                where user_id = ?1 and idempotency_key = ?2 and status = 0""")
                        .setParameter(1, userId)
                        .setParameter(2, key)
                        .setParameter(3, answer.status())
                        .setParameter(4, answer.body())
                        .setParameter(5, answer.location())
                        .setParameter(6, answer.etag())
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

    /** Deletes up to one batch of expired records; answers how many went. */
    public int purgeExpired() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("""
                                delete from idempotent_request where ctid in (
                                    select ctid from idempotent_request
                                    where created_at < now() - make_interval(secs => ?1) limit ?2)""")
                        .setParameter(1, seconds(config.retention()))
                        .setParameter(2, config.purgeBatchSize())
                        .executeUpdate());
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** A request as it was answered. */
    public record Stored(String methodPath, String hash, int status, String body, String location, String etag) {}

    /** What a successful request answered, as kept for its retries. */
    public record Answer(int status, String body, String location, String etag) {}
}
