package org.backcare.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;
import org.backcare.bench.BenchUsers.User;
import org.backcare.infra.ManagedProcess;
import org.backcare.infra.Ports;
import org.backcare.infra.PostgresServer;
import org.backcare.local.JvmLaunch;
import org.backcare.local.ServiceProcess;

/**
 * B1: single-set POSTs over 32 connections (one user and open session each, closed loop: a connection sends its next
 * set when the previous one is answered), from wrk, against the session-service and, in the same run with the same
 * load generator, the bare ingest app (bench/bare-ingest: the same BOM, JVM options and token verification, an Agroal
 * datasource, the same two rows in one JDBC transaction). Both are warmed up, then measured in alternating rounds
 * (session-service, bare app, session-service, ...; {@link #ROUNDS} each, the measured time split between them), each
 * process's CPU time (utime + stime of /proc/PID/stat) read at the start and the end of each of its rounds; a figure
 * is the median of its rounds and a ratio the median of the rounds' ratios, so that a neighbour on this shared machine
 * that slows one window down moves one round, not the comparison. Then pgbench runs the same two-row transaction with
 * 32 clients on the same PostgreSQL: the limit.
 */
final class IngestBenchmark {

    /** The copies of the set tables the bare app writes (SetTables), beside pgbench's. */
    static final String BARE_SCHEMA = "bare_b1";

    private static final String BODY = Workouts.HOLD_JSON;

    /** The stack's processes whose CPU each round reads: PostgreSQL, its progress database's backends, Kafka. */
    private static final List<Predicate<String>> STACK =
            List.of(CpuTime::isPostgres, c -> CpuTime.isPostgresBackendOf("progress", c), CpuTime::isKafkaBroker);

    /** Measured rounds per app, alternating. */
    static final int ROUNDS = 3;

    private final Bench bench;

    IngestBenchmark(Bench bench) {
        this.bench = bench;
    }

    /** What one process did in the measured window: wrk's figures and its CPU time per answered set. */
    record Result(
            Wrk.Result wrk,
            double cpuMillisPerSet,
            double cpuCores,
            double progressCores,
            double postgresCores,
            double progressDatabaseCores,
            double kafkaCores,
            double machineCores) {

        String describe() {
            return String.format(
                    "%.0f sets/s, p50 %.1f ms, p99 %.1f ms, CPU %.2f ms/set (%.2f cores; progress-service %.2f,"
                            + " PostgreSQL %.2f (the progress database's backends %.2f), Kafka %.2f; machine %.2f of %d busy), %d errors",
                    wrk.perSecond(),
                    wrk.p50Millis(),
                    wrk.p99Millis(),
                    cpuMillisPerSet,
                    cpuCores,
                    progressCores,
                    postgresCores,
                    progressDatabaseCores,
                    kafkaCores,
                    machineCores,
                    Runtime.getRuntime().availableProcessors(),
                    wrk.errors());
        }
    }

    /** The rounds of one app: the median of each figure. */
    record Rounds(List<Result> rounds) {

        double perSecond() {
            return median(rounds.stream().mapToDouble(r -> r.wrk().perSecond()));
        }

        double cpuMillisPerSet() {
            return median(rounds.stream().mapToDouble(Result::cpuMillisPerSet));
        }

        long errors() {
            return rounds.stream().mapToLong(r -> r.wrk().errors()).sum();
        }

        String describe() {
            return String.format(
                            "%.0f sets/s, CPU %.2f ms/set (medians of %d rounds); rounds: ",
                            perSecond(), cpuMillisPerSet(), rounds.size())
                    + String.join("; ", rounds.stream().map(Result::describe).toList());
        }
    }

    static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    List<Row> run() {
        int clients = bench.options().clients();
        List<User> users = bench.users().create("ingest", clients);
        Target serviceTarget = sessionService(users);
        BareApp bareApp = bareApp(users);
        List<Result> serviceRounds = new ArrayList<>();
        List<Result> bareRounds = new ArrayList<>();
        List<Double> throughputRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        Duration round = bench.options().duration().dividedBy(ROUNDS);
        try {
            warmUp(serviceTarget);
            warmUp(bareApp.target());
            for (int i = 1; i <= ROUNDS; i++) {
                Result s = measure(serviceTarget, round);
                bench.log("B1 round " + i + " session-service: " + s.describe());
                Result b = measure(bareApp.target(), round);
                bench.log("B1 round " + i + " bare app: " + b.describe());
                serviceRounds.add(s);
                bareRounds.add(b);
                throughputRatios.add(s.wrk().perSecond() / b.wrk().perSecond());
                cpuRatios.add(s.cpuMillisPerSet() / b.cpuMillisPerSet());
            }
        } finally {
            bareApp.stop();
        }
        Rounds service = new Rounds(serviceRounds);
        Rounds bare = new Rounds(bareRounds);
        bench.measuredIngest().set(service.perSecond());
        Pgbench.Result pg = new Pgbench(
                        bench.pgbench(),
                        bench.stack().infrastructure().postgres(),
                        bench.workDir().resolve("pgbench"))
                .run(clients, bench.options().warmUp(), bench.options().duration());
        double throughput = median(throughputRatios.stream().mapToDouble(Double::doubleValue));
        double cpu = median(cpuRatios.stream().mapToDouble(Double::doubleValue));
        String measure = "single-set POST, " + clients + " connections (wrk), " + ROUNDS + " rounds of "
                + round.toSeconds() + " s";
        String pgbench = String.format(
                "pgbench %.0f tx/s, p50 %.1f ms, p99 %.1f ms",
                pg.tps(), pg.latencies().millis(50), pg.latencies().millis(99));
        return List.of(
                new Row(
                        "B1",
                        "session-service: " + measure,
                        service.describe(),
                        "bare app " + bare.describe(),
                        String.format("%.2f (rounds %s)", throughput, ratios(throughputRatios)),
                        ">= 0.7 x bare app's sets/s",
                        throughput >= 0.7 && service.errors() == 0),
                new Row(
                        "B1",
                        "session-service: CPU time per set",
                        String.format("%.2f ms", service.cpuMillisPerSet()),
                        String.format("bare app %.2f ms", bare.cpuMillisPerSet()),
                        String.format("%.2f (rounds %s)", cpu, ratios(cpuRatios)),
                        "<= 1.5 x bare app and <= 0.5 ms",
                        cpu <= 1.5 && service.cpuMillisPerSet() <= 0.5),
                new Row(
                        "B1",
                        "limit: the same two rows in one transaction, " + clients + " clients",
                        pgbench,
                        "",
                        String.format(
                                "session %.2f, bare %.2f of pgbench",
                                service.perSecond() / pg.tps(), bare.perSecond() / pg.tps()),
                        "",
                        null));
    }

    /** Where wrk sends its sets, and whose CPU time is read. */
    record Target(String name, String url, List<Wrk.Connection> connections, long pid) {}

    /** The running bare app, stopped (its tables dropped) after the rounds. */
    record BareApp(Target target, Runnable stopper) {

        void stop() {
            stopper.run();
        }
    }

    private static String ratios(List<Double> ratios) {
        return String.join(
                ", ", ratios.stream().map(r -> String.format("%.2f", r)).toList());
    }

    private Target sessionService(List<User> users) {
        String url = bench.stack().sessionUrl();
        List<Wrk.Connection> connections = new ArrayList<>();
        for (User user : users) {
            String token = bench.users().token(user);
            UUID session = UUID.randomUUID();
            bench.api()
                    .post(url + "/sessions", token, Workouts.openSession(session))
                    .orFail("start a session");
            connections.add(new Wrk.Connection("/sessions/" + session + "/sets", token));
        }
        return new Target(
                "session-service",
                url,
                connections,
                bench.stack().service("session-service").pid());
    }

    /** Starts the bare ingest app on the session database's copies of the tables; stop it when measured. */
    private BareApp bareApp(List<User> users) {
        Path app = bench.repoRoot().resolve("bench/bare-ingest/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: bench/run builds it");
        }
        PostgresServer postgres = bench.stack().infrastructure().postgres();
        SetTables.create(postgres, BARE_SCHEMA);
        List<Wrk.Connection> connections = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        for (User user : users) {
            UUID session = UUID.randomUUID();
            sessions.add("('" + session + "', '" + user.id() + "', now() - interval '1 hour', '" + Workouts.ZONE
                    + "', 'IN_PROGRESS')");
            connections.add(new Wrk.Connection(
                    "/sessions/" + session + "/sets", bench.users().token(user)));
        }
        SetTables.sql(
                postgres,
                "insert into " + BARE_SCHEMA + ".workout_session (id, user_id, started_at, time_zone, status) values "
                        + String.join(", ", sessions));
        int port = Ports.free();
        // the services' Java and JVM options (with the AOT cache when BACKCARE_AOT=1 finds a JDK 25)
        JvmLaunch launch = JvmLaunch.of(app);
        List<String> command = new ArrayList<>(ServiceProcess.command(launch));
        command.addAll(List.of(
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl("session"),
                "-Dquarkus.datasource.username=" + PostgresServer.USER,
                "-Dquarkus.datasource.password=" + PostgresServer.PASSWORD,
                "-Dquarkus.oidc.auth-server-url="
                        + bench.stack().infrastructure().keycloak().realmUrl(),
                "-Dbench.ingest.schema=" + BARE_SCHEMA,
                "-Dquarkus.http.port=" + port,
                "-jar",
                app.toString()));
        Path log = bench.workDir().resolve("logs/bench-bare-ingest.log");
        long logFrom = JvmLaunch.logSize(log);
        ManagedProcess process =
                ManagedProcess.start("bench-bare-ingest", command, ServiceProcess.ENVIRONMENT, app.getParent(), log);
        Runnable stop = () -> {
            process.stop("TERM", Duration.ofSeconds(launch.training() ? 90 : 20));
            launch.promote(log, logFrom);
            SetTables.drop(postgres, BARE_SCHEMA);
        };
        try {
            String url = "http://localhost:" + port;
            awaitAnyAnswer(url + connections.get(0).path(), process);
            return new BareApp(new Target("bare-ingest", url, connections, process.pid()), stop);
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
    }

    private void warmUp(Target target) {
        new Wrk(bench.wrk(), bench.workDir().resolve("wrk"))
                .run(target.url(), target.connections(), BODY, bench.options().warmUp(), target.name() + "-warm-up");
    }

    /**
     * wrk for {@code time} with the process's CPU time, the progress-service's (its live consumer applies the
     * session-service's events on the same cores), PostgreSQL's, the Kafka broker's and the machine's busy time read
     * around it: where the two cores went.
     */
    private Result measure(Target target, Duration time) {
        Wrk wrk = new Wrk(bench.wrk(), bench.workDir().resolve("wrk"));
        long pid = target.pid();
        long progress = bench.stack().service("progress-service").pid();
        long before = CpuTime.ticks(pid);
        long progressBefore = CpuTime.ticks(progress);
        long[] stackBefore = CpuTime.ticksOf(STACK);
        long machineBefore = CpuTime.machineBusyTicks();
        long started = System.nanoTime();
        Wrk.Result result = wrk.run(target.url(), target.connections(), BODY, time, target.name());
        long ticks = CpuTime.ticks(pid) - before;
        long progressTicks = CpuTime.ticks(progress) - progressBefore;
        long[] stackAfter = CpuTime.ticksOf(STACK);
        long machine = CpuTime.machineBusyTicks() - machineBefore;
        double wall = (System.nanoTime() - started) / 1e9;
        double perSecond = CpuTime.ticksPerSecond();
        return new Result(
                result,
                CpuTime.millisPer(ticks, result.answered()),
                ticks / perSecond / wall,
                progressTicks / perSecond / wall,
                (stackAfter[0] - stackBefore[0]) / perSecond / wall,
                (stackAfter[1] - stackBefore[1]) / perSecond / wall,
                (stackAfter[2] - stackBefore[2]) / perSecond / wall,
                machine / perSecond / wall);
    }

    private void awaitAnyAnswer(String url, ManagedProcess process) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (bench.api().probe(url) < 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the bare ingest app did not answer within 2 minutes:\n" + process.tail(30));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
