package org.backcare.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes Idempotency-Key records older than {@code backcare.idempotency.retention}, every
 * {@code backcare.idempotency.purge-interval} (default 15 min, the default of IdempotencyConfig), a bounded batch per statement. Expired records
 * are already treated as absent before they go; the purge only keeps the table small.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    private final IdempotentRequestStore store;
    private final IdempotencyConfig config;

    public IdempotencyPurge(IdempotentRequestStore store, IdempotencyConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(
            every = "${backcare.idempotency.purge-interval:PT15M}",
            delay = 60,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("idempotency purge failed, will retry: %s", e.getMessage());
        }
    }

    /** Deletes every expired record, batch after batch; answers how many went. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeExpired();
            total += deleted;
        } while (deleted == config.purgeBatchSize());
        if (total > 0) {
            LOG.debugf("idempotency: deleted %d records older than %s", total, config.retention());
        }
        return total;
    }
}
