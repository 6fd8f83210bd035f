package org.backcare.progress.projection.rebuild;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.backcare.domain.UnavailableException;
import org.backcare.progress.config.ProgressConfig;
import org.backcare.progress.jdbc.Jdbc;
import org.backcare.progress.projection.FactWriter;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.projection.RebuildBacklog;
import org.backcare.progress.projection.ReplayBatch;
import org.backcare.progress.projection.Rollups;
import org.backcare.progress.projection.Scope;
import org.backcare.progress.projection.SessionEvent;
import org.jboss.logging.Logger;

/**
 * Rebuilds every projection from the session-service's history stream (its database: the topic keeps 7 days, so it
 * no longer holds the whole history), in the background, without users noticing. The start takes the rebuild lock
 * (one rebuild at a time, on any instance) and, a moment, the projection lock alone (so no live batch is half done),
 * opens the stream, records the run in {@code rebuild_run} and answers. The build writes new projection tables in the
 * schema {@value #SCHEMA} while the live ones keep answering every read and the live batches keep applying to them;
 * what those batches apply meanwhile is kept in {@link RebuildBacklog} and applied to the new tables too, the last of
 * it under the projection lock, which the swap into place then takes in one transaction. Each batch of whole
 * sessions is folded in memory and written with binary COPY ({@link ReplayBatch#copy}) into tables that get their
 * keys after the load and their secondary indexes after the rollups; every rollup is computed once at the end from
 * all the facts ({@link Rollups}, with {@link Scope#everything}, the independent chains at the same time), and the
 * users' zones from all the sessions: the same definitions the live consumer applies per touched key
 * (BENCHMARKS.md, B4).
 *
 * <p>Every line's id is recorded as processed, and so is every id its {@code supersedes} attribute names (the
 * corrections a set's line already reflects). The backlog's events that the history reflects are then recognised as
 * applied; newer ones are applied; deletions of what the history no longer holds change nothing: nothing is lost or
 * applied twice. A line that cannot be read is skipped and counted. The catalog replica, the people and the coach
 * shares are not projections of the history and stay. A failed or interrupted run leaves the live tables as they
 * were; its half-built schema and the backlog are dropped and its row reads {@code failed}.
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
    /** Where a rebuild writes its new projection tables while the live ones keep answering. */
    static final String SCHEMA = "rebuild";

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Jdbc jdbc;
    private final SessionHistorySource history;
    private final ProgressConfig config;
    private final MeterRegistry metrics;
    private final DataSource dataSource;
    private final RebuildRuns runs;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService background =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "progress-rebuild"));
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "progress-rebuild-reader"));
    private final ExecutorService writing =
            Executors.newCachedThreadPool(r -> new Thread(r, "progress-rebuild-writer"));

    public ProjectionRebuild(
            Jdbc jdbc,
            DataSource dataSource,
            RebuildRuns runs,
            SessionHistorySource history,
            ProgressConfig config,
            MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.runs = runs;
        this.history = history;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Starts a rebuild from the history the session-service gives to {@code bearerToken} (an admin's) and answers
     * its status ({@code running}) once the session-service has answered 200; the rest runs in the background. A
     * refusal or failure of the session-service throws {@link HistoryUnavailableException} before anything has
     * changed; another rebuild (here, or holding the projection lock on another instance) {@link
     * RebuildRunningException}.
     */
    public RebuildStatus start(String bearerToken) {
        if (!running.compareAndSet(false, true)) {
            throw new RebuildRunningException();
        }
        Connection lock = null;
        SessionHistorySource.History lines = null;
        try {
            // the locks are the session's, on a connection outside any transaction: the rebuild lock until the end,
            // the projection lock only while the history is opened and again for the swap
            lock = dataSource.getConnection();
            lock.setAutoCommit(true);
            takeRebuildLock(lock);
            takeProjectionLock(lock, config.rebuild().lockTimeout());
            // no live batch is half done: every one before has committed, and every one after fills the backlog
            UUID id = UUID.randomUUID();
            inTransaction(c -> {
                int stale = RebuildRuns.interrupted(c); // we hold the rebuild lock: none of them runs any more
                if (stale > 0) {
                    LOG.warnf("rebuild: %d interrupted rebuilds marked failed", stale);
                }
                RebuildBacklog.clear(c);
                return null;
            });
            // opened under the projection lock: the session-service's snapshot holds every event a live batch
            // applied before, and what the live batches apply after it reaches the new tables through the backlog
            lines = history.open(bearerToken);
            inTransaction(c -> {
                RebuildRuns.started(c, id);
                return null;
            });
            releaseProjectionLock(lock);
            Connection heldLock = lock;
            SessionHistorySource.History heldLines = lines;
            background.submit(() -> runToTheEnd(id, heldLock, heldLines));
            lock = null; // the background run releases them
            lines = null;
            return runs.find(id).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the projection lock: " + e.getMessage(), e);
        } finally {
            if (lines != null) {
                lines.close();
            }
            if (lock != null) {
                release(lock);
                running.set(false);
            }
        }
    }

    /** The rebuild lock, or {@link RebuildRunningException} when another instance's rebuild holds it. */
    private static void takeRebuildLock(Connection lock) throws SQLException {
        try (Statement s = lock.createStatement();
                ResultSet taken = s.executeQuery("select pg_try_advisory_lock(" + FactWriter.REBUILD_LOCK + ")")) {
            if (!(taken.next() && taken.getBoolean(1))) {
                throw new RebuildRunningException("a rebuild is running on another instance");
            }
        }
    }

    /**
     * The projection lock alone: waits for the live batches that hold it (each a moment), at most {@code timeout}
     * (null: as long as it takes).
     */
    private static void takeProjectionLock(Connection lock, Duration timeout) throws SQLException {
        try (Statement s = lock.createStatement()) {
            if (timeout != null) {
                s.execute("set lock_timeout = " + timeout.toMillis());
            }
            try {
                s.execute("select pg_advisory_lock(" + FactWriter.PROJECTION_LOCK + ")");
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new UnavailableException(
                            "projections",
                            "the live batches held the projection lock for more than " + timeout + "; try again",
                            timeout);
                }
                throw e;
            } finally {
                if (timeout != null) {
                    s.execute("set lock_timeout = 0");
                }
            }
        }
    }

    private static void releaseProjectionLock(Connection lock) throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("select pg_advisory_unlock(" + FactWriter.PROJECTION_LOCK + ")");
        }
    }

    private static void release(Connection lock) {
        try (Connection c = lock;
                Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.warnf(
                    "rebuild: releasing the projection lock: %s (closing its connection releases it)", e.getMessage());
        }
    }

    private void runToTheEnd(UUID id, Connection lock, SessionHistorySource.History lines) {
        long started = System.nanoTime();
        try (lines) {
            Result result = rebuild(lines, lock, started);
            inTransaction(c -> {
                RebuildRuns.done(c, id, result);
                return null;
            });
        } catch (RuntimeException | Error e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.errorf(e, "rebuild %s failed; the live projections were not changed", id);
            try {
                // alone, so that no live batch adds to the backlog once it is emptied
                takeProjectionLock(lock, null);
                inTransaction(c -> {
                    dropRebuildSchema(c);
                    RebuildBacklog.clear(c);
                    RebuildRuns.failed(c, id, reason + "; the live projections were not changed: start it again");
                    return null;
                });
            } catch (RuntimeException | SQLException recording) {
                LOG.errorf(recording, "rebuild %s: could not record the failure", id);
            }
        } finally {
            release(lock);
            running.set(false);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own (the module's one model, QuarkusTransaction over the JDBC
     * connection): a crash mid-rebuild means running it again anyway, so commits need not wait for the disk, and the
     * rollups' sorts and hashes get the memory to stay off it.
     */
    private <T> T inTransaction(Jdbc.Work<T> work) {
        return inTransaction(false, work);
    }

    /** The same, the settings in one round trip; in the new tables' schema first when {@code inRebuildSchema}. */
    private <T> T inTransaction(boolean inRebuildSchema, Jdbc.Work<T> work) {
        return QuarkusTransaction.requiringNew()
                .timeout(TRANSACTION_SECONDS)
                .call(() -> jdbc.with(c -> {
                    try (var s = c.prepareStatement("select set_config('synchronous_commit', 'off', true),"
                            + " set_config('work_mem', ?, true)"
                            + (inRebuildSchema
                                    ? ", set_config('search_path', '" + SCHEMA + ", ' || current_schema(), true)"
                                    : ""))) {
                        s.setString(1, config.rebuild().workMem());
                        s.execute();
                    }
                    return work.on(c);
                }));
    }

    private Result rebuild(SessionHistorySource.History lines, Connection lock, long started) {
        int writers = config.rebuild().writers();
        String live = jdbc.queryFirst("select current_schema()", st -> {}, rs -> rs.getString(1))
                .orElseThrow();
        inTransaction(c -> {
            createRebuildTables(c, live);
            return null;
        });
        LOG.infof(
                "rebuild: new projection tables in schema %s beside the live ones in %s; reading %s",
                SCHEMA, live, config.rebuild().sessionHistoryUrl());
        // one thread reads and parses the next lines while the writers write the previous ones
        BlockingQueue<Parsed> parsed = new ArrayBlockingQueue<>(1);
        Set<UUID> exercises = ConcurrentHashMap.newKeySet(); // remembered in exercise_ref by this run
        Future<?> reading = reader.submit(() -> read(lines, parsed, writers));
        long users = 0;
        long records = 0;
        long applied = 0;
        long poison = 0;
        long writing = 0;
        try {
            for (Parsed next = take(parsed, reading); !next.last(); next = take(parsed, reading)) {
                long from = System.nanoTime();
                applied += writeInParallel(next.byWriter(), exercises);
                writing += System.nanoTime() - from;
                users += next.users();
                records += next.records();
                poison += next.poison();
            }
        } finally {
            reading.cancel(true); // a failed write must not leave the reader waiting to hand over a batch
        }
        inRebuild(c -> {
            FactWriter.zonesFromSessions(c);
            addKeys(c, live);
            return null;
        });
        long factsDone = System.nanoTime();
        // what the live batches applied meanwhile, with their rules; the rollups below then cover it too
        long caughtUp = catchUp();
        recomputeRollupsInParallel();
        long rollupsDone = System.nanoTime();
        inRebuild(c -> {
            int built = buildSecondaryIndexes(c, live);
            try (Statement s = c.createStatement()) {
                // fresh statistics for the planner before the tables go live
                s.execute("analyze " + String.join(", ", PROJECTION_TABLES));
            }
            return built;
        });
        caughtUp += catchUp();
        // alone for the end: the live batches wait a moment, the last of the backlog goes in, then the swap
        try {
            takeProjectionLock(lock, null);
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild: could not take the projection lock for the swap", e);
        }
        caughtUp += catchUp();
        swap(live);
        long indexesDone = System.nanoTime();
        LOG.infof("rebuild: %d live events that arrived during the build applied to the new tables", caughtUp);
        long millis = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toMillis());
        Result result = new Result(users, records, applied, poison, millis, records * 1000 / millis);
        metrics.counter("progress.rebuilds").increment();
        LOG.infof(
                "rebuild: %d history lines of %d users (%d applied, %d unreadable skipped) in %d ms: %d events/s"
                        + " (facts %d ms, of which writing %d ms; rollups %d ms; indexes, statistics and the swap %d ms)",
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
     * Applies the backlog (the live batches' events since the start) to the new tables, oldest first, a batch per
     * transaction that also takes it out of the backlog; answers how many events it took.
     */
    private long catchUp() {
        int batch = config.rebuild().batchSize();
        long taken = 0;
        while (true) {
            int n = inRebuild(c -> {
                List<SessionEvent> events = RebuildBacklog.take(c, batch);
                ProgressProjector.applyToNewTables(c, events);
                return events.size();
            });
            taken += n;
            if (n < batch) {
                return taken;
            }
        }
    }

    /** Every rollup from all the facts: the independent chains at the same time, each in its own transaction. */
    private void recomputeRollupsInParallel() {
        List<Future<Integer>> done = new ArrayList<>();
        for (List<Rollups.Rollup> chain : Rollups.INDEPENDENT_CHAINS) {
            done.add(writing.submit(() -> inRebuild(c -> {
                Rollups.recompute(c, Scope.everything(), chain);
                return chain.size();
            })));
        }
        awaitAll(done);
    }

    /**
     * Writes one batch's events, each writer the users given to it, in parallel, each in its own transaction: a
     * user's events all go to one writer, so no two writers touch the same session, set or user. Answers how many
     * were new.
     */
    private int writeInParallel(List<List<SessionEvent>> byWriter, Set<UUID> exercises) {
        List<Future<Integer>> done = new ArrayList<>();
        for (List<SessionEvent> events : byWriter) {
            done.add(writing.submit(() -> inRebuild(c -> ReplayBatch.copy(c, events, exercises))));
        }
        return awaitAll(done);
    }

    /** Waits for every task; answers the sum of what they answered, or throws the first failure. */
    private static int awaitAll(List<Future<Integer>> done) {
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

    /**
     * Runs {@code work} in a transaction of its own whose unqualified table names are the new tables in schema
     * {@value #SCHEMA} (the catalog replica and the people, which a rebuild keeps, are found in the live schema).
     */
    private <T> T inRebuild(Jdbc.Work<T> work) {
        return inTransaction(true, work);
    }

    /**
     * Empty copies of the projection tables in schema {@value #SCHEMA}: columns, defaults, checks; the primary and
     * unique keys come after the load ({@link #addKeys}), the secondary indexes after the rollups. Autovacuum waits until they go live. What an
     * interrupted rebuild left there is dropped first.
     */
    private static void createRebuildTables(Connection c, String live) throws SQLException {
        try (Statement s = c.createStatement()) {
            dropRebuildSchema(c);
            s.execute("create schema " + SCHEMA);
            for (String table : PROJECTION_TABLES) {
                s.execute("create table " + SCHEMA + "." + table + " (like " + live + "." + table
                        + " including defaults including constraints including generated including identity)"
                        + " with (autovacuum_enabled = false)"); // nothing to vacuum in a table being loaded
            }
        }
    }

    /** The live tables' primary and unique keys (with their names) on the loaded new tables. */
    private static void addKeys(Connection c, String live) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (var k = c.prepareStatement("select conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                + " from pg_constraint where conrelid = any(?::regclass[]) and contype in ('p', 'u')"
                + " order by 1, 2")) {
            k.setArray(
                    1,
                    c.createArrayOf(
                            "text",
                            PROJECTION_TABLES.stream().map(t -> live + "." + t).toArray()));
            try (ResultSet rs = k.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    keys.add(new String[] {table.substring(table.lastIndexOf('.') + 1), rs.getString(2), rs.getString(3)
                    });
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] key : keys) {
                s.execute("alter table " + SCHEMA + "." + key[0] + " add constraint " + quoted(key[1]) + " " + key[2]);
            }
        }
    }

    /** The live tables' secondary indexes, built on the new tables with the same names and definitions. */
    private static int buildSecondaryIndexes(Connection c, String live) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select i.indexdef from pg_indexes i
                where i.schemaname = ? and i.tablename = any(?::text[])
                  and not exists (select 1 from pg_constraint k
                                  where k.conname = i.indexname and k.connamespace = ?::regnamespace)
                order by i.indexname""")) {
            s.setString(1, live);
            s.setArray(2, c.createArrayOf("text", PROJECTION_TABLES.toArray()));
            s.setString(3, live);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    definitions.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String definition : definitions) {
                s.execute(definition.replaceFirst(
                        " ON " + Pattern.quote(live) + "\\.", Matcher.quoteReplacement(" ON " + SCHEMA + ".")));
            }
        }
        return definitions.size();
    }

    /**
     * The new tables go live in one transaction: the live ones move out to schema {@code retired}, the new ones in,
     * the old ones are dropped. Reads wait for it a moment and then read the new tables; a reader that deadlocks
     * with it makes it try again.
     */
    private void swap(String live) {
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("lock table "
                                + String.join(
                                        ", ",
                                        PROJECTION_TABLES.stream()
                                                .map(t -> live + "." + t)
                                                .toList())
                                + " in access exclusive mode");
                        s.execute("drop schema if exists retired cascade");
                        s.execute("create schema retired");
                        for (String table : PROJECTION_TABLES) {
                            s.execute("alter table " + SCHEMA + "." + table + " reset (autovacuum_enabled)");
                            s.execute("alter table " + live + "." + table + " set schema retired");
                            s.execute("alter table " + SCHEMA + "." + table + " set schema " + live);
                        }
                        s.execute("drop schema retired cascade");
                        s.execute("drop schema " + SCHEMA + " cascade");
                    }
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !deadlock(e)) {
                    throw e;
                }
                LOG.warnf("rebuild: the swap deadlocked with a reader (attempt %d); trying again", attempt);
            }
        }
    }

    private static boolean deadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void dropRebuildSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Parsed lines of one batch, by writer (the user's hash modulo writers); the last one says the history ended. */
    private record Parsed(List<List<SessionEvent>> byWriter, int users, int records, int poison, boolean last) {}

    /**
     * Reads the history into batches of at least the batch size of whole sessions (a session's lines come together in
     * the history), each split by writer.
     */
    private void read(SessionHistorySource.History lines, BlockingQueue<Parsed> out, int writers) {
        int batchSize = config.rebuild().batchSize();
        String lastUser = null;
        UUID lastSession = null;
        SessionEvent carried = null; // the first line of the next batch's first session
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
                while (true) {
                    SessionEvent event;
                    if (carried != null) {
                        event = carried;
                        carried = null;
                    } else {
                        SessionHistorySource.Line line = lines.next();
                        if (line == null) {
                            more = false;
                            break;
                        }
                        event = line.event();
                        String unreadable = event == null
                                ? line.unreadable()
                                : ReplayBatch.inHistory(event) ? null : "a history holds no " + event.type() + " event";
                        if (unreadable != null) {
                            records++;
                            if (poison++ == 0) {
                                LOG.warnf("rebuild: skipping an unreadable history line: %s", unreadable);
                            }
                            continue;
                        }
                        if (records >= batchSize && !event.sessionId().equals(lastSession)) {
                            carried = event; // a batch ends with a whole session
                            break;
                        }
                    }
                    records++;
                    lastSession = event.sessionId();
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
                // the history broke off: the new tables are dropped, the live ones answer on as they were
                throw new HistoryUnavailableException(
                        broken.refused(), "the history broke off: " + broken.getMessage());
            }
            throw new IllegalStateException("reading the history failed; run the rebuild again: " + e.getCause(), e);
        }
    }

    /**
     * A rebuild this instance was running when it stopped is marked failed and its half-built tables are dropped
     * (the live tables were never touched); indexes an interrupted rebuild of the former design dropped come back.
     * Not while another instance's rebuild holds the rebuild lock (it cleans up when it starts).
     */
    void cleanUpOnStart(@Observes StartupEvent event) {
        try {
            int[] cleaned = QuarkusTransaction.requiringNew()
                    .call(() -> jdbc.with(c -> {
                        try (Statement s = c.createStatement();
                                ResultSet free = s.executeQuery(
                                        "select pg_try_advisory_xact_lock(" + FactWriter.REBUILD_LOCK + ")")) {
                            if (!(free.next() && free.getBoolean(1))) {
                                return new int[] {0, 0};
                            }
                        }
                        int interrupted = RebuildRuns.interrupted(c);
                        dropRebuildSchema(c);
                        RebuildBacklog.clear(c);
                        return new int[] {interrupted, new SecondaryIndexes(c).restoreIndexes()};
                    }));
            if (cleaned[0] > 0) {
                LOG.warnf("%d rebuilds interrupted by a stop marked failed; start one again", cleaned[0]);
            }
            if (cleaned[1] > 0) {
                LOG.warnf("%d indexes dropped by an interrupted rebuild were built again", cleaned[1]);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not check for an interrupted rebuild: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
        reader.shutdownNow();
        writing.shutdownNow();
    }
}
