package org.backcare.progress.projection.rebuild;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.ResultSet;
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
import org.backcare.progress.config.ProgressConfig;
import org.backcare.progress.jdbc.Jdbc;
import org.backcare.progress.projection.FactWriter;
import org.backcare.progress.projection.ReplayBatch;
import org.backcare.progress.projection.Rollups;
import org.backcare.progress.projection.Scope;
import org.backcare.progress.projection.SessionEvent;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the session-service's history stream (its database: the topic keeps 7 days, so it
 * no longer holds the whole history). It takes the projection lock alone (live batches, on every instance, wait for
 * it), opens the stream, and only once the session-service has answered 200 empties the projections and the
 * processed-event ids. Each batch of lines is written in bulk ({@link ReplayBatch}, one statement per kind of row)
 * and every rollup is computed once at the end from all the facts ({@link Rollups}, with {@link Scope#everything}): the same
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

    private static final int TRANSACTION_SECONDS = 3600;

    private final Jdbc jdbc;
    private final SessionHistorySource history;
    private final ProgressConfig config;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "progress-rebuild-reader"));
    private final ExecutorService writing =
            Executors.newCachedThreadPool(r -> new Thread(r, "progress-rebuild-writer"));

    public ProjectionRebuild(Jdbc jdbc, SessionHistorySource history, ProgressConfig config, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.history = history;
        this.config = config;
        this.metrics = metrics;
    }

    /** Rebuilds from the history the session-service gives to {@code bearerToken} (an admin's). */
    public Result rebuild(String bearerToken) {
        if (!running.compareAndSet(false, true)) {
            throw new RebuildRunningException();
        }
        long started = System.nanoTime();
        try {
            // the lock is the session's, on a connection outside any transaction, held until the end
            return jdbc.with(lock -> {
                try (Statement s = lock.createStatement()) {
                    s.execute("select pg_advisory_lock(" + FactWriter.PROJECTION_LOCK + ")");
                }
                try {
                    // opened under the lock: the session-service's snapshot is taken after every live batch before
                    // it committed, and the live batches after it wait, to be recognised or applied once it is
                    // released
                    try (SessionHistorySource.History lines = history.open(bearerToken)) {
                        return rebuild(lines, started);
                    }
                } finally {
                    try (Statement s = lock.createStatement()) {
                        s.execute("select pg_advisory_unlock(" + FactWriter.PROJECTION_LOCK + ")");
                    }
                }
            });
        } finally {
            running.set(false);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own (the module's one model, QuarkusTransaction over the JDBC
     * connection): a crash mid-rebuild means running it again anyway, so commits need not wait for the disk, and the
     * rollups' sorts and hashes get the memory to stay off it.
     */
    private <T> T inTransaction(Jdbc.Work<T> work) {
        return QuarkusTransaction.requiringNew()
                .timeout(TRANSACTION_SECONDS)
                .call(() -> jdbc.with(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("set local synchronous_commit = off");
                        s.execute("set local work_mem = '" + config.rebuild().workMem() + "'");
                    }
                    return work.on(c);
                }));
    }

    private Result rebuild(SessionHistorySource.History lines, long started) {
        int writers = config.rebuild().writers();
        int dropped = inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("truncate " + String.join(", ", PROJECTION_TABLES));
            }
            SecondaryIndexes indexes = new SecondaryIndexes(c);
            indexes.restoreIndexes(); // left over by an interrupted rebuild
            return indexes.dropSecondaryIndexes(PROJECTION_TABLES);
        });
        LOG.infof(
                "rebuild: projections emptied, %d secondary indexes dropped until the end; reading %s",
                dropped, config.rebuild().sessionHistoryUrl());
        // one thread reads and parses the next lines while the writers write the previous ones
        BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(2);
        Future<?> reading = reader.submit(() -> read(lines, parsed, writers));
        long users = 0;
        long records = 0;
        long applied = 0;
        long poison = 0;
        long writing = 0;
        try {
            for (Parsed next = take(parsed, reading); !next.last(); next = take(parsed, reading)) {
                long from = System.nanoTime();
                applied += writeInParallel(next.byWriter());
                writing += System.nanoTime() - from;
                users += next.users();
                records += next.records();
                poison += next.poison();
            }
        } finally {
            reading.cancel(true); // a failed write must not leave the reader waiting to hand over a batch
        }
        long factsDone = System.nanoTime();
        inTransaction(c -> {
            Rollups.recompute(c, Scope.everything());
            return null;
        });
        long rollupsDone = System.nanoTime();
        inTransaction(c -> {
            new SecondaryIndexes(c).restoreIndexes();
            try (Statement s = c.createStatement()) {
                // fresh statistics for the planner: every table was emptied and filled again
                s.execute("analyze " + String.join(", ", PROJECTION_TABLES));
            }
            return null;
        });
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
     * Writes one batch's events, each writer the users given to it, in parallel, each in its own transaction: a
     * user's events all go to one writer, so no two writers touch the same session, set or user. Answers how many
     * were new.
     */
    private int writeInParallel(List<List<SessionEvent>> byWriter) {
        List<Future<Integer>> done = new ArrayList<>();
        for (List<SessionEvent> events : byWriter) {
            done.add(writing.submit(() -> inTransaction(c -> ReplayBatch.write(new FactWriter(c), events))));
        }
        int applied = 0;
        for (Future<Integer> writer : done) {
            try {
                applied += writer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted; run it again", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("rebuild failed; run it again: " + e.getCause(), e.getCause());
            }
        }
        return applied;
    }

    /** Parsed lines of one batch, by writer (the user's hash modulo writers); the last one says the history ended. */
    private record Parsed(List<List<SessionEvent>> byWriter, int users, int records, int poison, boolean last) {}

    private void read(SessionHistorySource.History lines, BlockingQueue<Parsed> out, int writers) {
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
                    SessionHistorySource.Line line = lines.next();
                    if (line == null) {
                        more = false;
                        break;
                    }
                    records++;
                    SessionEvent event = line.event();
                    if (event == null) {
                        if (poison++ == 0) {
                            LOG.warnf("rebuild: skipping an unreadable history line: %s", line.unreadable());
                        }
                        continue;
                    }
                    if (!event.userId().equals(lastUser)) {
                        users++; // the history is ordered by user
                        lastUser = event.userId();
                    }
                    byWriter.get(Math.floorMod(event.userId().hashCode(), writers))
                            .add(event);
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
            if (e.getCause() instanceof HistoryUnavailableException broken) {
                // the history broke off after the projections were emptied
                throw new HistoryUnavailableException(
                        broken.refused(),
                        broken.getMessage() + "; the projections are incomplete: run the rebuild again");
            }
            throw new IllegalStateException("reading the history failed; run the rebuild again: " + e.getCause(), e);
        }
    }

    /**
     * Indexes an interrupted rebuild dropped come back when the service starts; not while another instance's
     * rebuild holds the projection lock (it builds them itself at its end).
     */
    void restoreIndexesOnStart(@Observes StartupEvent event) {
        try {
            int restored = QuarkusTransaction.requiringNew()
                    .call(() -> jdbc.with(c -> {
                        try (Statement s = c.createStatement();
                                ResultSet free = s.executeQuery("select pg_try_advisory_xact_lock_shared("
                                        + FactWriter.PROJECTION_LOCK + ")")) {
                            return free.next() && free.getBoolean(1) ? new SecondaryIndexes(c).restoreIndexes() : 0;
                        }
                    }));
            if (restored > 0) {
                LOG.warnf("%d indexes dropped by an interrupted rebuild were built again", restored);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not check for indexes an interrupted rebuild dropped: %s", e.getMessage());
        }
    }
}
