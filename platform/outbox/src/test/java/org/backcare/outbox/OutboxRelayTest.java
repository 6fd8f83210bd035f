package org.backcare.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.quarkus.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the real embedded PostgreSQL: what is appended in a transaction goes out after the commit, in the
 * order it was written, as CloudEvents with their key, topic and headers, and is marked published; rolled back,
 * nothing goes out; while another relay holds the lock (another replica), this one publishes nothing, and the rows
 * wait until it may.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "outbox_test"))
class OutboxRelayTest {

    /** The relay's PostgreSQL advisory lock ("backcare"): one relay at a time across replicas. */
    private static final long ADVISORY_LOCK = 0x6261636b63617265L;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Inject
    @Any
    InMemoryConnector connector;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private InMemorySink<String> sink;

    record Recorded(UUID id, String userId, int holdSeconds) {}

    @BeforeEach
    void emptySink() {
        sink = connector.sink(OutboxRelay.CHANNEL);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
        sink.clear();
    }

    private static CloudEvent<Recorded> event(String user, int seconds) {
        UUID id = UUID.randomUUID();
        return CloudEvent.of(
                id,
                "/test",
                "workout.set.recorded.v1",
                user,
                OffsetDateTime.now(),
                null,
                new Recorded(id, user, seconds));
    }

    private List<Message<String>> awaitPublished(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> sink.received().size() >= count);
        return new ArrayList<>(sink.received());
    }

    @Test
    void eventsGoOutInTheOrderTheyWereWrittenWithTheirKeyTopicAndTypeAndAreMarkedPublished() {
        long timedBefore = metrics.timer("outbox.relay.delay").count();
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            CloudEvent<Recorded> event = event(i % 2 == 0 ? "alice" : "bob", i);
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.append("workout.session-events", event.subject(), event));
            written.add(event.id().toString());
        }

        List<Message<String>> published = awaitPublished(30);

        assertThat(published).hasSize(30);
        assertThat(published.stream().map(m -> idOf(m.getPayload())).toList()).containsExactlyElementsOf(written);
        Message<String> first = published.get(0);
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata =
                first.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(metadata.getTopic()).isEqualTo("workout.session-events");
        assertThat(metadata.getKey()).isEqualTo("bob");
        assertThat(header(metadata, "ce_type")).isEqualTo("workout.set.recorded.v1");
        assertThat(header(metadata, "content-type")).isEqualTo(CloudEvent.CONTENT_TYPE);
        assertThat(first.getPayload()).contains("\"specversion\":\"1.0\"").contains("\"holdSeconds\":1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
        assertThat(metrics.timer("outbox.relay.delay").count() - timedBefore)
                .as("each event's wait from its commit to its acknowledgement is timed")
                .isEqualTo(30);
    }

    @Test
    void anEventOfATransactionThatRolledBackNeverGoesOut() {
        CloudEvent<Recorded> kept = event("alice", 30);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.append("workout.session-events", "alice", event("alice", 99));
                throw new IllegalStateException("the change failed");
            });
        } catch (RuntimeException expected) {
            // the change and its event are gone together
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.append("workout.session-events", "alice", kept));

        List<Message<String>> published = awaitPublished(1);

        assertThat(published)
                .singleElement()
                .extracting(m -> idOf(m.getPayload()))
                .isEqualTo(kept.id().toString());
        assertThat(count("select count(*) from outbox_message where payload like '%\"holdSeconds\":99%'"))
                .isZero();
    }

    @Test
    void whileAnotherRelayHoldsTheLockTheRowsWaitAndGoOutAfterwards() throws Exception {
        try (Connection other = connection();
                Statement lock = other.createStatement()) {
            lock.execute("select pg_advisory_lock(" + ADVISORY_LOCK + ")");
            for (int i = 0; i < 5; i++) {
                CloudEvent<Recorded> event = event("carol", i + 1);
                QuarkusTransaction.requiringNew().run(() -> outbox.append("workout.session-events", "carol", event));
            }

            assertThat(relay.publishBatch())
                    .as("a pass while another replica relays")
                    .isZero();
            assertThat(sink.received()).isEmpty();
            assertThat(unpublished()).isEqualTo(5);

            lock.execute("select pg_advisory_unlock(" + ADVISORY_LOCK + ")");
        }

        assertThat(awaitPublished(5)).hasSize(5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
    }

    private static String idOf(String payload) {
        int at = payload.indexOf("\"id\":\"") + 6;
        return payload.substring(at, payload.indexOf('"', at));
    }

    private static String header(OutgoingKafkaRecordMetadata<String> metadata, String name) {
        return new String(metadata.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private long unpublished() {
        return count("select count(*) from outbox_message where published_at is null");
    }

    private Connection connection() throws Exception {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private long count(String sql) {
        try (Connection c = connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
