package org.backcare.progress.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.projection.SessionEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies workout.session-events to the projections a batch at a time (one transaction per batch). A message
 * that cannot be read goes to workout.session-events.dlq with the reason in headers and never blocks its
 * partition. A batch that fails for any other reason (the database is down) is retried with back-off: an event
 * that parses is never dropped. The batch's offsets are committed only after it has been applied.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String CHANNEL = "session-events";
    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SessionEventParser parser;
    private final ProgressProjector projector;
    private final DeadLetters deadLetters;
    private final MeterRegistry metrics;
    private final Timer applied;
    private final Timer batchApply;

    public SessionEventConsumer(
            SessionEventParser parser, ProgressProjector projector, DeadLetters deadLetters, MeterRegistry metrics) {
        this.parser = parser;
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.applied = Timer.builder("progress.consumer.delay")
                .description(
                        "from the relay's send of an event to Kafka (the record's time) to its batch's commit here")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(metrics);
        this.batchApply = Timer.builder("progress.consumer.batch.apply")
                .description("how long a batch takes to apply and commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(metrics);
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<SessionEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(parser.parse(record.value()));
            } catch (UnreadableEventException e) {
                deadLetters.send(record, e);
            }
        }
        long started = System.nanoTime();
        applyWithRetry(events);
        batchApply.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : records) {
            if (record.timestamp() >= 0) { // a record without a time (none from a producer) says nothing
                applied.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
            }
        }
        metrics.summary("progress.consumer.batch.size").record(records.count());
    }

    private void applyWithRetry(List<SessionEvent> events) throws InterruptedException {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                projector.apply(events);
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "applying a batch of %d events failed (attempt %d), retrying in %d ms: %s",
                        events.size(), attempt, backoff.toMillis(), e.toString());
                metrics.counter("progress.consumer.batch.retries").increment();
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
