package org.backcare.progress.projection.rebuild;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.backcare.problem.ProblemException;
import org.backcare.progress.config.ProgressConfig;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.ingest.SessionHistory;
import org.backcare.progress.ingest.UnreadableEventException;
import org.backcare.progress.projection.ProjectionWriter;
import org.backcare.progress.projection.ReplayBatch;
import org.backcare.progress.projection.ReplayWriter;
import org.backcare.progress.projection.SessionEvent;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the session-service's history stream (its database: the topic keeps 7 days, so it
 * no longer holds the whole history). It takes the projection lock alone (live batches, on every instance, wait for
 * it), opens the stream, and only once the session-service has answered 200 empties the projections and the
 * processed-event ids. Each batch of lines is written in bulk ({@link ReplayBatch}, one statement per kind of row)
 * and every rollup is computed once at the end from all the facts ({@link ReplayWriter#computeRollups}): the same
 * definitions the live consumer applies per touched key, at a fraction of the statements (BENCHMARKS.md, B4).
 *
 * <p>Every line's id is recorded as processed, and so is every id its {@code supersedes} attribute names (the
 * corrections a set's line already reflects). Live events still on the topic that the history reflects are then
 * recognised as applied when the lock is released; newer ones are applied; deletions of what the history no longer
 * holds change nothing. A line that cannot be read is skipped and counted. The catalog replica, the people and the
 * coach shares are not projections of the history and stay.
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

    /** What a rebuild did: the users and lines of the history, those applied and skipped, and how fast. */
    public record Result(
            long users, long records, long applied, long poisonSkipped, long durationMillis, long eventsPerSecond) {}

    private final DataSource dataSource;
    private final SessionEventParser parser;
    private final SessionHistory history;
    private final ProgressConfig config;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "progress-rebuild-reader"));
    private final ExecutorService writing =
            Executors.newCachedThreadPool(r -> new Thread(r, "progress-rebuild-writer"));

    public ProjectionRebuild(
            DataSource dataSource,
            SessionEventParser parser,
            SessionHistory history,
            ProgressConfig config,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.history = history;
        this.config = config;
        this.metrics = metrics;
    }

    /** Rebuilds from the history the session-service gives to {@code bearerToken} (an admin's). */
    public Result rebuild(String bearerToken) {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("a rebuild is already running on this instance");
        }
        long started = System.nanoTime();
        List<Connection> writers = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            try (Statement s = lock.createStatement()) {
                s.execute("select pg_advisory_lock(" + ProjectionWriter.PROJECTION_LOCK + ")");
            }
            try {
                // opened under the lock: the session-service's snapshot is taken after every live batch before it
                // committed, and the live batches after it wait, to be recognised or applied once it is released
                try (SessionHistory.Lines lines = history.open(bearerToken)) {
                    return rebuild(lock, lines, writers, started);
                }
            } finally {
                try (Statement s = lock.createStatement()) {
                    s.execute("select pg_advisory_unlock(" + ProjectionWriter.PROJECTION_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild failed; run it again: " + e.getMessage(), e);
        } finally {
            for (Connection writer : writers) {
                closeQuietly(writer);
            }
            running.set(false);
        }
    }

    private Result rebuild(Connection lock, SessionHistory.Lines lines, List<Connection> writers, long started)
            throws SQLException {
        for (int i = 0; i < config.rebuild().writers(); i++) {
            writers.add(dataSource.getConnection());
        }
        Connection writes = writers.get(0);
        try (Statement s = lock.createStatement()) {
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
                "rebuild: projections emptied, %d secondary indexes dropped until the end; reading %s",
                dropped, config.rebuild().sessionHistoryUrl());
        // one thread reads and parses the next lines while the writers write the previous ones
        BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(2);
        Future<?> reading = reader.submit(() -> read(lines, parsed, writers.size()));
        long users = 0;
        long records = 0;
        long applied = 0;
        long poison = 0;
        long writing = 0;
        try {
            for (Parsed next = take(parsed, reading); !next.last(); next = take(parsed, reading)) {
                long from = System.nanoTime();
                applied += writeInParallel(writers, next.byWriter());
                writing += System.nanoTime() - from;
                users += next.users();
                records += next.records();
                poison += next.poison();
            }
        } finally {
            reading.cancel(true); // a failed write must not leave the reader waiting to hand over a batch
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
        long millis = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toMillis());
        Result result = new Result(users, records, applied, poison, millis, records * 1000 / millis);
        metrics.counter("progress.rebuilds").increment();
        LOG.infof(
                "rebuild: %d history lines of %d users (%d applied, %d unreadable skipped) in %d ms: %d events/s"
                        + " (facts %d ms, of which writing %d ms; rollups %d ms; indexes and statistics %d ms)",
                records,
                users,
                applied,
                poison,
                millis,
                result.eventsPerSecond(),
                Duration.ofNanos(factsDone - started).toMillis(),
                Duration.ofNanos(writing).toMillis(),
                Duration.ofNanos(rollupsDone - factsDone).toMillis(),
                Duration.ofNanos(indexesDone - rollupsDone).toMillis());
        return result;
    }

    /**
     * Writes one batch's events, each writer the users given to it, in parallel: a user's events all go to one
     * writer, so no two writers touch the same session, set or user. Answers how many were new.
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

    /** Parsed lines of one batch, by writer (the user's hash modulo writers); the last one says the history ended. */
    private record Parsed(List<List<SessionEvent>> byWriter, int users, int records, int poison, boolean last) {}

    private void read(SessionHistory.Lines lines, BlockingQueue<Parsed> out, int writers) {
        int batchSize = config.rebuild().batchSize();
        String lastUser = null;
        try {
            boolean more = true;
            while (more) {
                List<List<SessionEvent>> byWriter = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    byWriter.add(new ArrayList<>());
                }
                int users = 0;
                int records = 0;
                int poison = 0;
                while (records < batchSize) {
                    String line = lines.next();
                    if (line == null) {
                        more = false;
                        break;
                    }
                    records++;
                    try {
                        SessionEvent event = parser.parse(line);
                        if (!event.userId().equals(lastUser)) {
                            users++; // the history is ordered by user
                            lastUser = event.userId();
                        }
                        byWriter.get(Math.floorMod(event.userId().hashCode(), writers))
                                .add(event);
                    } catch (UnreadableEventException e) {
                        if (poison++ == 0) {
                            LOG.warnf("rebuild: skipping an unreadable history line: %s", e.getMessage());
                        }
                    }
                }
                if (records > 0) {
                    out.put(new Parsed(byWriter, users, records, poison, false));
                }
            }
            out.put(new Parsed(List.of(), 0, 0, 0, true));
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
            if (e.getCause() instanceof ProblemException broken) {
                // the history broke off after the projections were emptied
                throw new ProblemException(
                        broken.status(),
                        "session-history-unavailable",
                        "Service unavailable",
                        broken.getMessage() + "; the projections are incomplete: run the rebuild again",
                        List.of(),
                        broken.headers());
            }
            throw new IllegalStateException("reading the history failed; run the rebuild again: " + e.getCause(), e);
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
}
