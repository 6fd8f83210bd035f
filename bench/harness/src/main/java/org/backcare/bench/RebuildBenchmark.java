package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backcare.infra.Topics;

/**
 * B4: a million session events (50,000 sessions of 1,000 users: started, 18 sets, completed) written to
 * workout.session-events the way the session-service's relay writes them (CloudEvents JSON keyed by user, the same
 * headers); the live consumer catches up; then Kafka's own consumer benchmark reads the whole topic, and
 * POST /progress/admin/rebuild replays it into emptied projections.
 */
final class RebuildBenchmark {

    private static final int SETS_PER_SESSION = 18;
    private static final int USERS = 1000;
    private final Bench bench;

    RebuildBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() throws Exception {
        int events = bench.options().rebuildEvents();
        long producedAt = System.nanoTime();
        produce(events);
        double produceSeconds = (System.nanoTime() - producedAt) / 1e9;
        long total = awaitLiveConsumerCaughtUp(Duration.ofMinutes(30));
        double liveSeconds = (System.nanoTime() - producedAt) / 1e9;
        double perfTool = consumerPerfTest(total);
        String admin = bench.users().token("admin");
        long started = System.nanoTime();
        Api.Answer answer = bench.api()
                .post(bench.stack().progressUrl() + "/progress/admin/rebuild", admin, "", Duration.ofMinutes(30))
                .orFail("rebuild");
        double wall = (System.nanoTime() - started) / 1e9;
        JsonNode result = answer.json();
        long records = result.path("records").asLong();
        double rate = records / wall;
        return List.of(
                Row.info(
                        "B4",
                        "live consumer, " + events + " events produced",
                        String.format(
                                "%.0f events/s applied live (produced in %.1f s, caught up after %.1f s)",
                                events / liveSeconds, produceSeconds, liveSeconds)),
                new Row(
                        "B4",
                        "rebuild: replay " + records + " events",
                        String.format(
                                "%.0f events/s (%.1f s; the service's own count %d events/s)",
                                rate, wall, result.path("eventsPerSecond").asLong()),
                        String.format("kafka-consumer-perf-test %.0f msgs/s", perfTool),
                        String.format("%.2f", rate / perfTool),
                        ">= 50,000 events/s",
                        rate >= 50_000));
    }

    private void produce(int events) throws Exception {
        Properties p = new Properties();
        p.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bench.stack().infrastructure().kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        int perSession = SETS_PER_SESSION + 2;
        int sessions = events / perSession;
        LocalDate today = LocalDate.now();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int s = 0; s < sessions; s++) {
                String user = String.format("rebuild-user-%04d", s % USERS);
                LocalDate day = today.minusDays(1 + s / USERS);
                for (String event : session(user, day, s)) {
                    String type = Api.JSON.readTree(event).path("type").asText();
                    ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SESSION_EVENTS, user, event);
                    record.headers().add("content-type", bytes("application/cloudevents+json"));
                    record.headers().add("ce_type", bytes(type));
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    /** One session's events as the session-service writes them. */
    private static List<String> session(String user, LocalDate day, int variant) {
        OffsetDateTime start = day.atTime(LocalTime.of(7, 30))
                .atZone(ZoneId.of(Workouts.ZONE))
                .toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        String sessionId = UUID.randomUUID().toString();
        List<String> out = new ArrayList<>();
        out.add(envelope(
                "workout.session.started.v1",
                user,
                start,
                String.format(
                        "\"userId\":\"%s\",\"sessionId\":\"%s\",\"routineId\":null,\"startedAt\":\"%s\","
                                + "\"timeZone\":\"%s\",\"painBefore\":%d",
                        user, sessionId, start, Workouts.ZONE, 3 + variant % 3)));
        long hold = 0;
        long reps = 0;
        for (int i = 0; i < SETS_PER_SESSION; i++) {
            OffsetDateTime at = start.plusSeconds(30L * (i + 1));
            boolean reps0 = i % 4 == 3;
            int value = reps0 ? 8 + (variant + i) % 5 : 20 + (variant + i) % 15;
            if (reps0) {
                reps += value;
            } else {
                hold += value;
            }
            String exercise = reps0
                    ? "{\"id\":\"" + Workouts.SHOULDER_ROLLS + "\",\"slug\":\"shoulder-rolls\",\"name\":\"Shoulder"
                            + " rolls\",\"regions\":[\"SHOULDERS\",\"UPPER_BACK\"],\"measurement\":\"REPS\","
                            + "\"sided\":false}"
                    : "{\"id\":\"" + Workouts.CHIN_TO_CHEST + "\",\"slug\":\"chin-to-chest\",\"name\":\"Chin to"
                            + " chest\",\"regions\":[\"NECK\"],\"measurement\":\"HOLD\",\"sided\":false}";
            out.add(envelope(
                    "workout.set.recorded.v1",
                    user,
                    at,
                    String.format(
                            "\"userId\":\"%s\",\"sessionId\":\"%s\",\"setId\":\"%s\",\"exercise\":%s,\"side\":null,"
                                    + "\"holdSeconds\":%s,\"reps\":%s,\"targetHoldSeconds\":%s,\"targetReps\":%s,"
                                    + "\"pain\":%d,\"recordedAt\":\"%s\",\"timeZone\":\"%s\"",
                            user,
                            sessionId,
                            UUID.randomUUID(),
                            exercise,
                            reps0 ? "null" : value,
                            reps0 ? value : "null",
                            reps0 ? "null" : "30",
                            reps0 ? "10" : "null",
                            (variant + i) % 5,
                            at,
                            Workouts.ZONE)));
        }
        OffsetDateTime end = start.plusSeconds(30L * (SETS_PER_SESSION + 1));
        out.add(envelope(
                "workout.session.completed.v1",
                user,
                end,
                String.format(
                        "\"userId\":\"%s\",\"sessionId\":\"%s\",\"routineId\":null,\"startedAt\":\"%s\",\"endedAt\":\"%s\","
                                + "\"timeZone\":\"%s\",\"painBefore\":%d,\"painAfter\":%d,\"summary\":{\"sets\":%d,"
                                + "\"holdSeconds\":%d,\"reps\":%d,\"exercises\":2,\"durationSeconds\":%d}",
                        user,
                        sessionId,
                        start,
                        end,
                        Workouts.ZONE,
                        3 + variant % 3,
                        2,
                        SETS_PER_SESSION,
                        hold,
                        reps,
                        30L * (SETS_PER_SESSION + 1))));
        return out;
    }

    private static String envelope(String type, String user, OffsetDateTime time, String data) {
        String id = UUID.randomUUID().toString();
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/session-service\",\"type\":\"" + type
                + "\",\"subject\":\"" + user + "\",\"time\":\"" + time + "\",\"datacontenttype\":\"application/json\","
                + "\"dataschema\":\"https://backcare.org/schemas/" + type + ".json\",\"data\":{\"id\":\"" + id
                + "\",\"occurredAt\":\"" + time + "\"," + data + "}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
