package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.backcare.infra.Topics;

/**
 * B4: about 60,000 session events ({@code --events}; {@link RebuildData}: 40 exercises, a third sided, 60 users in
 * six time zones, 5% of the sets corrected and 5% deleted, 1% of the sessions deleted) seeded through the
 * session-service's public API, so they are in its database (the rebuild's source since the topic keeps 7 days)
 * and, through its outbox, on workout.session-events; the live consumer catches up; then Kafka's
 * own consumer benchmark reads the same events from the topic, and POST /progress/admin/rebuild rebuilds from the
 * session-service's history stream (GET /admin/session-history, the same events as lines) into emptied projections.
 */
final class RebuildBenchmark {

    private final Bench bench;

    RebuildBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() throws Exception {
        long before = awaitLiveConsumerCaughtUp(0, Duration.ofMinutes(30)); // B1 to B3 wrote to the topic too
        long producedAt = System.nanoTime();
        RebuildData.Summary data = new RebuildData(bench).seed(bench.options().rebuildEvents());
        double produceSeconds = (System.nanoTime() - producedAt) / 1e9;
        // every seeded event on the topic (the relay may still be publishing) and consumed
        long total = awaitLiveConsumerCaughtUp(before + data.events() + data.probeEvents(), Duration.ofMinutes(30));
        double liveSeconds = (System.nanoTime() - producedAt) / 1e9;
        double perfTool = consumerPerfTest(total);
        String admin = bench.users().token("admin");
        long started = System.nanoTime();
        // 202 with the status to poll; the rebuild runs in the background
        String id = bench.api()
                .post(bench.stack().progressUrl() + "/progress/admin/rebuild", admin, "", Duration.ofMinutes(2))
                .orFail("rebuild")
                .json()
                .path("id")
                .asText();
        JsonNode result = awaitRebuild(id, admin, Duration.ofMinutes(30));
        double wall = (System.nanoTime() - started) / 1e9;
        long records = result.path("records").asLong();
        double rate = records / wall;
        return List.of(
                Row.info("B4", "data", data.describe()),
                Row.info(
                        "B4",
                        "seeding through the public API",
                        String.format(
                                "%.0f events/s imported (%,d sessions, %,d sets in %.1f s, 100 sessions a request, %d"
                                        + " in flight); %,d corrections and deletions in %.1f s (%.0f requests/s, %d clients)",
                                data.importedEventsPerSecond(),
                                data.sessions(),
                                data.sets(),
                                data.importSeconds(),
                                data.importClients(),
                                data.corrections() + data.setDeletions() + data.sessionDeletions(),
                                data.amendSeconds(),
                                (data.corrections() + data.setDeletions() + data.sessionDeletions())
                                        / data.amendSeconds(),
                                RebuildData.AMENDING_CLIENTS)),
                Row.info(
                        "B4",
                        "live consumer, " + data.events() + " events",
                        String.format(
                                "%.0f events/s applied live (seeded in %.1f s, caught up after %.1f s)",
                                data.events() / liveSeconds, produceSeconds, liveSeconds)),
                new Row(
                        "B4",
                        "rebuild: " + records + " history lines from the session-service",
                        String.format(
                                "%.0f events/s (%.1f s; the service's own count %d events/s)",
                                rate, wall, result.path("eventsPerSecond").asLong()),
                        String.format("kafka-consumer-perf-test %.0f msgs/s (the topic, %d events)", perfTool, total),
                        String.format("%.2f", rate / perfTool),
                        ">= 50,000 events/s",
                        rate >= 50_000));
    }

    /** Polls GET /progress/admin/rebuilds/{id} until the rebuild is no longer running; fails unless it is done. */
    private JsonNode awaitRebuild(String id, String admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = bench.stack().progressUrl() + "/progress/admin/rebuilds/" + id;
        while (true) {
            JsonNode status = bench.api()
                    .get(url, admin, "application/json")
                    .orFail("rebuild status")
                    .json();
            String state = status.path("state").asText();
            if ("done".equals(state)) {
                return status;
            }
            if (!"running".equals(state) || System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild " + id + " is " + state + ": " + status);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * Waits until the topic holds at least {@code expected} events and the progress-service's group has committed the
     * end of every partition; answers the total.
     */
    private long awaitLiveConsumerCaughtUp(long expected, Duration timeout)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastEnd = -1;
        long grewAt = System.nanoTime();
        try (Admin admin = bench.stack().infrastructure().kafka().admin()) {
            while (true) {
                var partitions = admin
                        .describeTopics(List.of(Topics.SESSION_EVENTS))
                        .allTopicNames()
                        .get()
                        .get(Topics.SESSION_EVENTS)
                        .partitions()
                        .stream()
                        .map(info -> new TopicPartition(Topics.SESSION_EVENTS, info.partition()))
                        .toList();
                Map<TopicPartition, Long> ends = admin
                        .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all()
                        .get()
                        .entrySet()
                        .stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("progress-service")
                        .partitionsToOffsetAndMetadata()
                        .get();
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue() - (at == null ? 0 : at.offset());
                }
                long end = ends.values().stream().mapToLong(Long::longValue).sum();
                if (end != lastEnd) {
                    lastEnd = end;
                    grewAt = System.nanoTime();
                }
                if (lag == 0 && end >= expected) {
                    return end;
                }
                if (lag == 0 && System.nanoTime() - grewAt > TimeUnit.SECONDS.toNanos(30)) {
                    // nothing new for 30 s: the relay is done, the count was off
                    bench.log("B4: the topic holds " + end + " events, " + (expected - end) + " fewer than counted");
                    return end;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the progress-service is still " + lag
                            + " events behind, the topic holds " + end + " of " + expected + " events");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /** kafka-consumer-perf-test (Kafka's ConsumerPerformance) on the same topic, as its own JVM: messages/s. */
    private double consumerPerfTest(long messages) {
        String out = Processes.run(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ConsumerPerformance",
                        "--bootstrap-server",
                        bench.stack().infrastructure().kafka().bootstrapServers(),
                        "--topic",
                        Topics.SESSION_EVENTS,
                        "--messages",
                        Long.toString(messages),
                        "--group",
                        "bench-consumer-perf-" + System.nanoTime(),
                        "--timeout",
                        "120000"),
                bench.workDir(),
                Duration.ofMinutes(10));
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
        // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        String[] lines = out.trim().split("\n");
        String[] columns = lines[lines.length - 1].split(",\\s*");
        bench.log("kafka-consumer-perf-test: " + lines[lines.length - 1]);
        return Double.parseDouble(columns[columns.length - 1].trim());
    }
}
