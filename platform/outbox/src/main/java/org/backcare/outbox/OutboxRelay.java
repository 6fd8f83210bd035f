package org.backcare.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in sequence order, in batches, and marks them published only after the broker
 * acknowledged every record of the batch (acks=all). A PostgreSQL advisory lock lets one relay run at a time
 * across replicas, so per-key order holds however many instances run. When Kafka is down the rows wait; the
 * writes that produced them already succeeded.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every outbox user configures (connector smallrye-kafka, acks=all, idempotence on). */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x6261636b63617265L; // "backcare"

    private final Emitter<String> emitter;
    private final int batchSize;
    private final Duration ackTimeout;
    private final Duration shutdownDrain;
    private final Duration retention;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private volatile boolean stopping;

    public OutboxRelay(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    Emitter<String> emitter,
            @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "outbox.relay.ack-timeout", defaultValue = "PT30S") Duration ackTimeout,
            @ConfigProperty(name = "outbox.relay.shutdown-drain", defaultValue = "PT15S") Duration shutdownDrain,
            @ConfigProperty(name = "outbox.retention", defaultValue = "PT1H") Duration retention,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.shutdownDrain = shutdownDrain;
        this.retention = retention;
        this.published = Counter.builder("outbox.published")
                .description("outbox events acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("relay passes that failed and will be retried")
                .register(registry);
        registry.gauge("outbox.pending", this, relay -> relay.countPending());
    }

    /** After a commit that appended events: publish now rather than at the next tick. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxAppended appended) {
        if (!stopping && pending.compareAndSet(false, true)) {
            nudges.execute(this::drainQuietly);
        }
    }

    /** The safety net: rows left by a failed pass, another replica, or a restart. */
    @Scheduled(
            every = "${outbox.relay.interval:1s}",
            delay = 2,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drainQuietly();
    }

    /**
     * Published rows are kept for {@code outbox.retention} (what went out recently, for support), then deleted a
     * bounded batch at a time, so the table stays as small as the backlog plus the retention window.
     */
    @Scheduled(
            every = "${outbox.cleanup.interval:1m}",
            delay = 30,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deletePublished() {
        try {
            int deleted;
            do {
                deleted = QuarkusTransaction.requiringNew()
                        .call(() -> Panache.getEntityManager()
                                .createNativeQuery("""
                                delete from outbox_message where seq in (
                                    select seq from outbox_message
                                    where published_at < now() - make_interval(secs => ?1) limit 10000)""")
                                .setParameter(1, retention.toSeconds())
                                .executeUpdate());
                if (deleted > 0) {
                    LOG.debugf("outbox: deleted %d rows published more than %s ago", deleted, retention);
                }
            } while (deleted == 10_000 && !stopping);
        } catch (RuntimeException e) {
            LOG.warnf("outbox clean-up failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * On shutdown (after the HTTP server has finished the requests in flight): wait for a pass in progress, then
     * publish everything still unpublished, batch after batch, for at most {@code outbox.relay.shutdown-drain}.
     * What is left then (Kafka unreachable, say) stays in the table and goes out after the next start.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        nudges.shutdown();
        long deadline = System.nanoTime() + shutdownDrain.toNanos();
        try {
            nudges.awaitTermination(shutdownDrain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!running.compareAndSet(false, true)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("outbox relay: a pass was still running at the end of the shutdown drain");
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        int total = 0;
        try {
            int sent;
            do {
                sent = publishBatch();
                total += sent;
            } while (sent == batchSize && System.nanoTime() < deadline);
            long left = (long) countPending();
            if (left > 0) {
                LOG.warnf("outbox relay: %d events published on shutdown, %d left for the next start", total, left);
            } else {
                LOG.infof("outbox relay: drained on shutdown (%d events published)", total);
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("outbox relay: shutdown drain failed (%s); the rows go out after the next start", e.getMessage());
        } finally {
            running.set(false);
        }
    }

    private void drainQuietly() {
        pending.set(false);
        if (!running.compareAndSet(false, true)) {
            pending.set(true);
            return;
        }
        try {
            int sent;
            do {
                sent = publishBatch();
            } while (sent == batchSize && !stopping);
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("outbox relay pass failed, will retry: %s", e.getMessage());
        } finally {
            running.set(false);
        }
        if (pending.get() && !stopping) {
            drainQuietly();
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) ackTimeout.toSeconds() + 30)
                .call(() -> {
                    var em = Panache.getEntityManager();
                    Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                            .setParameter(1, ADVISORY_LOCK)
                            .getSingleResult();
                    if (!Boolean.TRUE.equals(locked)) {
                        return 0; // another replica is relaying
                    }
                    List<OutboxMessage> batch = OutboxMessage.<OutboxMessage>find("publishedAt is null order by seq")
                            .withLock(LockModeType.PESSIMISTIC_WRITE)
                            .page(0, batchSize)
                            .list();
                    if (batch.isEmpty()) {
                        return 0;
                    }
                    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
                    for (OutboxMessage message : batch) {
                        acks.add(send(message));
                    }
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                            .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    // one statement for the batch, not an update per row
                    em.createNativeQuery("update outbox_message set published_at = :now where seq in (:seqs)")
                            .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                            .setParameter("seqs", batch.stream().map(m -> m.seq).toList())
                            .executeUpdate();
                    batch.forEach(em::detach);
                    published.increment(batch.size());
                    return batch.size();
                });
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", message.type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", message.id.toString().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.key)
                .withHeaders(headers)
                .build();
        emitter.send(Message.of(message.payload)
                .addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }

    private double countPending() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("publishedAt is null"));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
