package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * B4: a million session events (50,000 completed sessions of 18 sets, 50 users with 1,000 days each) uploaded
 * through the session-service's POST /sessions/import, so they are in its database (the rebuild's source since the
 * topic keeps 7 days) and, through its outbox, on workout.session-events; the live consumer catches up; then Kafka's
 * own consumer benchmark reads the same events from the topic, and POST /progress/admin/rebuild rebuilds from the
 * session-service's history stream (GET /admin/session-history, the same events as lines) into emptied projections.
 */
final class RebuildBenchmark {

    private static final int SETS_PER_SESSION = 18;
    private static final int USERS = 50;
    private final Bench bench;

    RebuildBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() throws Exception {
        int events = bench.options().rebuildEvents();
        long producedAt = System.nanoTime();
        List<String> failures = importSessions(events / (SETS_PER_SESSION + 2));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("importing the rebuild's history failed: " + failures.get(0));
        }
        double produceSeconds = (System.nanoTime() - producedAt) / 1e9;
        long total = awaitLiveConsumerCaughtUp(Duration.ofMinutes(30));
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
                Row.info(
                        "B4",
                        "live consumer, " + events + " events imported",
                        String.format(
                                "%.0f events/s applied live (imported in %.1f s, caught up after %.1f s)",
                                events / liveSeconds, produceSeconds, liveSeconds)),
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
     * Imports {@code sessions} completed sessions, 100 a request (the most one takes), 4 requests in flight: each
     * user's days go back from yesterday. Answers the failures.
     */
    private List<String> importSessions(int sessions) {
        List<BenchUsers.User> users = bench.users().create("rebuild", USERS);
        int perUser = (sessions + USERS - 1) / USERS;
        ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
        List<String> failures = new ArrayList<>();
        LocalDate today = LocalDate.now();
        int left = sessions;
        for (BenchUsers.User user : users) {
            String token = bench.users().token(user);
            int mine = Math.min(perUser, left);
            left -= mine;
            for (int from = 0; from < mine; from += ImportBenchmark.SESSIONS_PER_REQUEST) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int day = from; day < Math.min(mine, from + ImportBenchmark.SESSIONS_PER_REQUEST); day++) {
                    batch.add(Workouts.importedSession(today.minusDays(day + 1), SETS_PER_SESSION, day));
                }
                work.add(() -> {
                    Api.Answer answer = bench.api()
                            .post(
                                    bench.stack().sessionUrl() + "/sessions/import",
                                    token,
                                    Map.of("sessions", batch),
                                    Duration.ofMinutes(5));
                    if (!answer.ok()) {
                        synchronized (failures) {
                            failures.add(answer.status() + " " + answer.body());
                        }
                    }
                });
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Bench.thread("b4-import-" + t, () -> {
                for (Runnable next; (next = work.poll()) != null; ) {
                    next.run();
                }
            }));
        }
        Bench.joinAll(threads);
        return failures;
    }

    /** Waits until the progress-service's group has committed the end of every partition; answers the total. */
    private long awaitLiveConsumerCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
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
                if (lag == 0) {
                    return ends.values().stream().mapToLong(Long::longValue).sum();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the progress-service is still " + lag + " events behind");
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
