package org.backcare.progress.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backcare.problem.ProblemException;
import org.backcare.progress.config.ProgressConfig;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.event.SessionEventParser;
import org.backcare.progress.event.UnreadableEventException;
import org.backcare.progress.repository.ProjectionWriter;
import org.backcare.progress.repository.ReplayWriter;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the beginning of workout.session-events. It takes the projection lock alone
 * (live batches, on every instance, wait for it), empties the projections and the processed-event ids, and replays
 * each partition from offset 0 up to its end when the rebuild began. Each poll's facts are written in bulk
 * ({@link ReplayBatch}, one statement per kind of row) and every rollup is computed once at the end from all the
 * facts ({@link ReplayWriter#computeRollups}): the same definitions the live consumer applies per touched key, at a
 * fraction of the statements (BENCHMARKS.md, B4). Live events after those ends are applied by the live consumers
 * when the lock is released; events they had not reached yet are recognised as already applied. Poison messages
 * are skipped: the live consumer dead-letters them. The catalog replica and coach shares are not projections of this
 * topic and stay.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final List<String> PROJECTION_TABLES = List.of(
            "processed_event",
            "session_fact",
            "set_fact",
            "daily_exercise",
            "daily_activity",
            "active_run",
            "pain_flag",
            "user_totals",
            "user_profile");

    /** What a rebuild did. */
    public record Result(
            int partitions,
            long records,
            long applied,
            long poisonSkipped,
            long durationMillis,
            long eventsPerSecond) {}

    private final DataSource dataSource;
    private final SessionEventParser parser;
    private final ProgressConfig config;
    private final Map<String, Object> kafkaClientConfig;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "progress-rebuild-reader"));
    private final ExecutorService writing =
            Executors.newCachedThreadPool(r -> new Thread(r, "progress-rebuild-writer"));

    public ProjectionRebuild(
            DataSource dataSource,
            SessionEventParser parser,
            ProgressConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaClientConfig,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.config = config;
        this.kafkaClientConfig = kafkaClientConfig;
        this.metrics = metrics;
    }

    public Result rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("a rebuild is already running on this instance");
        }
        long started = System.nanoTime();
        List<Connection> writers = new ArrayList<>();
        try (Connection lock = dataSource.getConnection();
                Connection writes = dataSource.getConnection();
                KafkaConsumer<String, String> consumer = consumer()) {
            writers.add(writes);
            for (int i = 1; i < config.rebuild().writers(); i++) {
                writers.add(dataSource.getConnection());
            }
            lock.setAutoCommit(true);
            try (Statement s = lock.createStatement()) {
                s.execute("select pg_advisory_lock(" + ProjectionWriter.PROJECTION_LOCK + ")");
                s.execute("truncate " + String.join(", ", PROJECTION_TABLES));
            }
            for (Connection writer : writers) {
                writer.setAutoCommit(false);
                try (Statement s = writer.createStatement()) {
                    // a crash mid-rebuild means running it again anyway: commits need not wait for the disk, and
                    // the rollups' sorts and hashes get the memory to stay off it
                    s.execute("set synchronous_commit = off");
                    s.execute("set work_mem = '" + config.rebuild().workMem() + "'");
                }
            }
            ReplayWriter replay = new ReplayWriter(writes);
            replay.restoreIndexes(); // left over by an interrupted rebuild
            int dropped = replay.dropSecondaryIndexes(PROJECTION_TABLES);
            writes.commit();
            LOG.infof(
                    "rebuild: projections emptied, %d secondary indexes dropped until the end; replaying %s",
                    dropped, config.rebuild().topic());
            List<TopicPartition> partitions = consumer
                    .partitionsFor(config.rebuild().topic())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            // one thread polls and parses the next records while the writers write the previous ones
            BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(2);
            Future<?> reading = reader.submit(() -> read(consumer, ends, parsed, writers.size()));
            long records = 0;
            long applied = 0;
            long poison = 0;
            long writing = 0;
            try {
                for (Parsed next = take(parsed, reading); !next.last(); next = take(parsed, reading)) {
                    long from = System.nanoTime();
                    applied += writeInParallel(writers, next.byWriter());
                    writing += System.nanoTime() - from;
                    records += next.records();
                    poison += next.poison();
                }
            } finally {
                reading.cancel(true); // a failed write must not leave the reader waiting to hand over a poll
            }
            long factsDone = System.nanoTime();
            replay.computeRollups();
            writes.commit();
            long rollupsDone = System.nanoTime();
            replay.restoreIndexes();
            writes.commit();
            try (Statement s = writes.createStatement()) {
                // fresh statistics for the planner: every table was emptied and filled again
                s.execute("analyze " + String.join(", ", PROJECTION_TABLES));
            }
            writes.commit();
            long indexesDone = System.nanoTime();
            try (Statement s = lock.createStatement()) {
                s.execute("select pg_advisory_unlock(" + ProjectionWriter.PROJECTION_LOCK + ")");
            }
            long millis =
                    Math.max(1, Duration.ofNanos(System.nanoTime() - started).toMillis());
            Result result = new Result(partitions.size(), records, applied, poison, millis, records * 1000 / millis);
            metrics.counter("progress.rebuilds").increment();
            LOG.infof(
                    "rebuild: %d records from %d partitions (%d applied, %d poison skipped) in %d ms: %d events/s"
                            + " (facts %d ms, of which writing %d ms; rollups %d ms; indexes and statistics %d ms)",
                    records,
                    partitions.size(),
                    applied,
                    poison,
                    millis,
                    result.eventsPerSecond(),
                    Duration.ofNanos(factsDone - started).toMillis(),
                    Duration.ofNanos(writing).toMillis(),
                    Duration.ofNanos(rollupsDone - factsDone).toMillis(),
                    Duration.ofNanos(indexesDone - rollupsDone).toMillis());
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild failed; run it again: " + e.getMessage(), e);
        } finally {
            for (Connection writer : writers.subList(Math.min(1, writers.size()), writers.size())) {
                closeQuietly(writer);
            }
            running.set(false);
        }
    }

    /**
     * Writes one poll's events, each writer the partitions given to it, in parallel: a user's events are all in one
     * partition (the key), so no two writers touch the same session, set or user. Answers how many were new.
     */
    private int writeInParallel(List<Connection> writers, List<List<SessionEvent>> byWriter) throws SQLException {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            Connection writer = writers.get(i);
            List<SessionEvent> events = byWriter.get(i);
            done.add(writing.submit(() -> {
                int applied = ReplayBatch.write(new ReplayWriter(writer), new ProjectionWriter(writer), events);
                writer.commit();
                return applied;
            }));
        }
        int applied = 0;
        for (Future<Integer> writer : done) {
            try {
                applied += writer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted; run it again", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException("rebuild failed; run it again: " + e.getCause(), e.getCause());
            }
        }
        return applied;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing a rebuild writer: %s", e.getMessage());
        }
    }

    /** Parsed records of one poll, by writer (partition modulo writers); the last one says the ends are reached. */
    private record Parsed(List<List<SessionEvent>> byWriter, int records, int poison, boolean last) {}

    private void read(
            KafkaConsumer<String, String> consumer,
            Map<TopicPartition, Long> ends,
            BlockingQueue<Parsed> out,
            int writers) {
        try {
            while (!caughtUp(consumer, ends)) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofSeconds(1));
                List<List<SessionEvent>> byWriter = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    byWriter.add(new ArrayList<>());
                }
                int records = 0;
                int poison = 0;
                for (ConsumerRecord<String, String> record : batch) {
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    records++;
                    try {
                        byWriter.get(record.partition() % writers).add(parser.parse(record.value()));
                    } catch (UnreadableEventException e) {
                        poison++;
                    }
                }
                out.put(new Parsed(byWriter, records, poison, false));
            }
            out.put(new Parsed(List.of(), 0, 0, true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Parsed take(BlockingQueue<Parsed> parsed, Future<?> reading) {
        try {
            while (true) {
                Parsed next = parsed.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    return next;
                }
                if (reading.isDone()) {
                    reading.get(); // rethrows what stopped the reader
                    throw new IllegalStateException("the rebuild's reader stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted; run it again", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the topic failed; run the rebuild again: " + e.getCause(), e);
        }
    }

    /**
     * Indexes an interrupted rebuild dropped come back when the service starts; not while another instance's
     * rebuild holds the projection lock (it builds them itself at its end).
     */
    void restoreIndexesOnStart(@Observes StartupEvent event) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet free = s.executeQuery(
                            "select pg_try_advisory_xact_lock_shared(" + ProjectionWriter.PROJECTION_LOCK + ")")) {
                if (free.next() && free.getBoolean(1)) {
                    int restored = new ReplayWriter(c).restoreIndexes();
                    if (restored > 0) {
                        LOG.warnf("%d indexes dropped by an interrupted rebuild were built again", restored);
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            LOG.warnf("could not check for indexes an interrupted rebuild dropped: %s", e.getMessage());
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<String, String> consumer() {
        // every kafka.* / KAFKA_* setting the channels get (bootstrap servers, TLS, SASL), then the rebuild's own
        Properties p = new Properties();
        kafkaClientConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                p.put(key, value);
            }
        });
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.toString(config.rebuild().maxPollRecords()));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // two polls wait parsed while one is written: the fetches stay a few MB in a small heap
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "progress-service-rebuild");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
