package org.backcare.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 *
 * <p>On a channel whose connector is Kafka (every deployment, the *ITs), the records go straight to the channel's own
 * Kafka producer (its configuration: acks=all, idempotence, retries), with a callback per record: the messaging
 * layer's emitter would add a reactive pipeline, a context-propagation snapshot and a tracing span per record (a
 * third of the relay's CPU under load, issue 22), for records that have no request context to carry. On another
 * connector (the in-memory one of the @QuarkusTests), they go through the channel's emitter.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every outbox user configures (connector smallrye-kafka, acks=all, idempotence on). */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x6261636b63617265L; // "backcare"

    private final Emitter<String> emitter;
    private final KafkaClientService kafka;
    private final boolean kafkaChannel;
    private volatile Producer<String, String> producer;
    private final DataSource dataSource;
    private final int batchSize;
    private final Duration ackTimeout;
    private final Duration shutdownDrain;
    private final Duration retention;
    private final Counter published;
    private final Counter failures;
    private final Timer delay;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean missed = new AtomicBoolean();
    private final Duration gather;
    private final ScheduledExecutorService nudges =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
    private volatile boolean stopping;

    public OutboxRelay(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    Emitter<String> emitter,
            KafkaClientService kafka,
            @ConfigProperty(name = "mp.messaging.outgoing.outbox.connector", defaultValue = "smallrye-kafka")
                    String connector,
            DataSource dataSource,
            @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "outbox.relay.ack-timeout", defaultValue = "PT30S") Duration ackTimeout,
            @ConfigProperty(name = "outbox.relay.shutdown-drain", defaultValue = "PT15S") Duration shutdownDrain,
            @ConfigProperty(name = "outbox.retention", defaultValue = "PT1H") Duration retention,
            @ConfigProperty(name = "outbox.relay.gather", defaultValue = "PT0.02S") Duration gather,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.kafka = kafka;
        this.kafkaChannel = "smallrye-kafka".equals(connector);
        this.dataSource = dataSource;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.shutdownDrain = shutdownDrain;
        this.retention = retention;
        this.gather = gather;
        this.published = Counter.builder("outbox.published")
                .description("outbox events acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("relay passes that failed and will be retried")
                .register(registry);
        registry.gauge("outbox.pending", this, relay -> relay.countPending());
        this.delay = Timer.builder("outbox.relay.delay")
                .description("from an event's commit into the outbox to Kafka's acknowledgement of it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /**
     * After a commit that appended events: publish within {@code outbox.relay.gather} rather than at the next tick.
     * The commits of that window go out in one pass (one lock, one read, one update and one wait for Kafka's acks
     * for all of them), so under load a pass serves tens of events instead of a few.
     */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxAppended appended) {
        if (!stopping && pending.compareAndSet(false, true)) {
            schedulePass();
        }
    }

    private void schedulePass() {
        schedulePass(gather);
    }

    private void schedulePass(Duration after) {
        try {
            nudges.schedule(this::drainQuietly, after.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // stopping: the shutdown drain publishes what is left
            pending.set(false);
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
                deleted = inTransaction(c -> {
                    try (PreparedStatement delete = c.prepareStatement("""
                            delete from outbox_message where seq in (
                                select seq from outbox_message
                                where published_at < now() - make_interval(secs => ?) limit 10000)""")) {
                        delete.setLong(1, retention.toSeconds());
                        return delete.executeUpdate();
                    }
                });
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
            missed.set(true); // the pass running now may have read before this call's rows committed
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
        if (missed.getAndSet(false) && !stopping) {
            // the commits that came during the pass have gathered while it ran: no need to wait again
            schedulePass(Duration.ZERO);
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int publishBatch() {
        return inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, ADVISORY_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return 0; // another replica is relaying
                    }
                }
            }
            List<Pending> batch = new ArrayList<>();
            try (PreparedStatement select =
                    c.prepareStatement("select seq, id, topic, message_key, type, payload, created_at"
                            + " from outbox_message where published_at is null order by seq limit ? for update")) {
                select.setInt(1, batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new Pending(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getObject(7, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            Producer<String, String> kafkaProducer = kafkaChannel ? kafkaProducer() : null;
            List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
            for (Pending message : batch) {
                acks.add(kafkaProducer != null ? send(kafkaProducer, message) : send(message));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka's acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
            }
            // one statement for the batch, not an update per row
            try (PreparedStatement update =
                    c.prepareStatement("update outbox_message set published_at = ? where seq = any(?)")) {
                update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                update.setArray(
                        2,
                        c.createArrayOf(
                                "bigint", batch.stream().map(Pending::seq).toArray()));
                update.executeUpdate();
            }
            published.increment(batch.size());
            Instant acknowledged = Instant.now();
            for (Pending message : batch) {
                Duration waited = Duration.between(message.committed(), acknowledged);
                // the database's clock and this JVM's may differ by a little: never a negative delay
                delay.record(waited.isNegative() ? Duration.ZERO : waited);
            }
            return batch.size();
        });
    }

    /** An unpublished row, as the relay reads it. */
    private record Pending(
            long seq, UUID id, String topic, String key, String type, String payload, Instant committed) {}

    /** A unit of work on a connection of its own, in a plain database transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a database transaction on a pooled connection of its own (the relay runs on its own
     * threads, never inside a caller's transaction), committed when it returns, rolled back when it throws.
     */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The channel's Kafka producer (created by the connector with the channel's configuration), resolved once; the
     * pass fails, and is retried, while the connector has not created it yet.
     */
    private Producer<String, String> kafkaProducer() {
        Producer<String, String> resolved = producer;
        if (resolved != null) {
            return resolved;
        }
        KafkaProducer<String, String> channel = kafka.getProducer(CHANNEL);
        if (channel == null) {
            throw new IllegalStateException("the Kafka producer of channel " + CHANNEL + " is not created yet");
        }
        resolved = channel.unwrap();
        if (resolved == null) { // a lazy client: created on its sending thread at first use
            resolved = channel.runOnSendingThread((Function<Producer<String, String>, Producer<String, String>>) p -> p)
                    .await()
                    .atMost(ackTimeout);
        }
        producer = resolved;
        return resolved;
    }

    /** One record to the Kafka producer; its future completes when the broker acknowledged it (acks=all). */
    private static CompletableFuture<Void> send(Producer<String, String> kafkaProducer, Pending message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            kafkaProducer.send(
                    new ProducerRecord<>(message.topic, null, message.key, message.payload, headers(message)),
                    (metadata, failure) -> {
                        if (failure == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) { // closed, or no metadata within max.block.ms
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /** The record's headers: the CloudEvent's binary-mode attributes Kafka consumers route on. */
    private static RecordHeaders headers(Pending message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", message.type.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", message.id.toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** One record through the channel's emitter (a connector other than Kafka). */
    private CompletableFuture<Void> send(Pending message) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.key)
                .withHeaders(headers(message))
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
            return inTransaction(c -> {
                try (PreparedStatement count =
                                c.prepareStatement("select count(*) from outbox_message where published_at is null");
                        ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return (double) rs.getLong(1);
                }
            });
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
