package org.backcare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.backcare.bench.BenchUsers.User;

/**
 * B3: while background clients record sets at a fixed rate (open loop: each send is scheduled at start + k / rate,
 * whatever the answers take; sent by wrk, which costs a tenth of a JVM client's CPU), probe users record a set and poll their own /progress/me every 25 ms until its total
 * counts it. Freshness is from just before the POST to the first answer that shows the set.
 */
final class FreshnessBenchmark {

    private static final int PROBES = 4;
    /**
     * How often a probe asks for its progress: every 25 ms is fine enough for a bar of 1 s, and four probes then ask
     * at most 160 times a second (every 10 ms, they alone loaded the progress-service with up to 400 reads a second
     * on the cores it shares with the ingest).
     */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final Bench bench;

    FreshnessBenchmark(Bench bench) {
        this.bench = bench;
    }

    /**
     * What B3 offers: {@code --rate} when given, else 80% of the session-service's ingest throughput B1 measured in
     * this run (DESIGN.md's bar: freshness while the stack records 80% of what it can), else 1,000 sets/s.
     */
    private int offeredRate() {
        if (bench.options().freshnessRate() != null) {
            return bench.options().freshnessRate();
        }
        Double ingest = bench.measuredIngest().get();
        return ingest != null ? (int) Math.round(0.8 * ingest) : 1000;
    }

    List<Row> run() {
        int rate = offeredRate();
        // an open loop needs enough connections for each one's share of the rate to fit in an answer's time
        // (connections >= rate x latency): with 48, answers of 90 ms capped the load at about 530 sets/s
        int senders = 96;
        List<User> background = bench.users().create("fresh-load", senders);
        List<User> probes = bench.users().create("fresh-probe", PROBES);
        List<Wrk.Connection> connections = new ArrayList<>();
        for (User user : background) {
            String token = bench.users().token(user);
            UUID session = UUID.randomUUID();
            bench.api()
                    .post(bench.stack().sessionUrl() + "/sessions", token, Workouts.openSession(session))
                    .orFail("start a session");
            connections.add(new Wrk.Connection("/sessions/" + session + "/sets", token));
        }
        // wrk (a native open-loop client, started a second ahead) sends the background load; the probes share its
        // schedule through the epoch's milliseconds, mapped once onto this JVM's nanoTime
        long lead = TimeUnit.SECONDS.toMillis(1);
        long startMillis = System.currentTimeMillis() + lead;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lead);
        long measureFrom = start + bench.options().warmUp().toNanos();
        long end = measureFrom + bench.options().duration().toNanos();
        Wrk.Schedule schedule = new Wrk.Schedule(
                startMillis,
                startMillis + bench.options().warmUp().toMillis(),
                startMillis
                        + bench.options().warmUp().toMillis()
                        + bench.options().duration().toMillis(),
                rate);
        AtomicReference<Wrk.RateResult> load = new AtomicReference<>();
        AtomicLong wrkPid = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<RuntimeException> loadFailure = new AtomicReference<>();
        threads.add(Bench.thread("b3-load", () -> {
            try {
                load.set(new Wrk(bench.wrk(), bench.workDir().resolve("wrk"))
                        .runAtRate(
                                bench.stack().sessionUrl(),
                                connections,
                                Workouts.HOLD_JSON,
                                schedule,
                                "b3-load",
                                wrkPid::set));
            } catch (RuntimeException e) {
                loadFailure.set(e);
            }
        }));
        Latencies freshness = new Latencies();
        Latencies posted = new Latencies(); // the probe's POST alone: the session-service's share of the freshness
        AtomicLong probeErrors = new AtomicLong();
        for (User probe : probes) {
            String token = bench.users().token(probe);
            UUID session = UUID.randomUUID();
            bench.api()
                    .post(bench.stack().sessionUrl() + "/sessions", token, Workouts.openSession(session))
                    .orFail("start a probe session");
            String setsUrl = bench.stack().sessionUrl() + "/sessions/" + session + "/sets";
            String progressUrl = bench.stack().progressUrl() + "/progress/me";
            threads.add(Bench.thread("b3-probe-" + probe.name(), () -> {
                long expected = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    if (bench.api().post(setsUrl, token, Workouts.hold(45)).status() != 201) {
                        probeErrors.incrementAndGet();
                        continue;
                    }
                    long answered = System.nanoTime();
                    expected++;
                    while (true) {
                        Api.Answer progress = bench.api().get(progressUrl, token, "application/json");
                        if (progress.ok() && progress.json().at("/totals/sets").asLong() >= expected) {
                            break;
                        }
                        LockSupport.parkNanos(POLL_NANOS);
                    }
                    if (before >= measureFrom && before < end) {
                        freshness.add(System.nanoTime() - before);
                        posted.add(answered - before);
                    }
                }
            }));
        }
        long session = bench.stack().service("session-service").pid();
        long progress = bench.stack().service("progress-service").pid();
        Stages stages = new Stages(
                bench.api(), bench.stack().sessionUrl(), bench.stack().progressUrl());
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        stages.start();
        long sessionBefore = CpuTime.ticks(session);
        long progressBefore = CpuTime.ticks(progress);
        long harness = ProcessHandle.current().pid();
        long harnessBefore = CpuTime.ticks(harness);
        long wrk = wrkPid.get(); // started a second before the schedule: running by now
        if (wrk == 0 || loadFailure.get() != null) {
            throw new IllegalStateException("wrk did not run: " + loadFailure.get(), loadFailure.get());
        }
        long wrkBefore = CpuTime.ticks(wrk);
        long machineBefore = CpuTime.machineBusyTicks();
        LockSupport.parkNanos(end - System.nanoTime());
        String stagesLine = stages.sinceStart();
        double window = CpuTime.ticksPerSecond() * (bench.options().duration().toNanos() / 1e9);
        String cores = String.format(
                "session-service %.2f cores, progress-service %.2f, the load generator (wrk) %.2f, the probes"
                        + " (this harness's JVM) %.2f, machine %.2f of %d busy",
                (CpuTime.ticks(session) - sessionBefore) / window,
                (CpuTime.ticks(progress) - progressBefore) / window,
                (CpuTime.ticks(wrk) - wrkBefore) / window,
                (CpuTime.ticks(harness) - harnessBefore) / window,
                (CpuTime.machineBusyTicks() - machineBefore) / window,
                Runtime.getRuntime().availableProcessors());
        Bench.joinAll(threads);
        double seconds = bench.options().duration().toNanos() / 1e9;
        Wrk.RateResult loadResult = load.get();
        if (loadResult == null) {
            throw new IllegalStateException(
                    "wrk sent no load: see " + bench.workDir().resolve("wrk/b3-load.out"));
        }
        double achieved = loadResult.recorded() / seconds;
        double p99 = freshness.millis(99);
        return List.of(new Row(
                "B3",
                "freshness POST -> /progress/me at " + rate + " sets/s",
                String.format(
                        "p50 %.0f ms, p99 %.0f ms (the probe's POST answered in p50 %.0f ms, p99 %.0f ms; %d probes; %.0f sets/s recorded of %d offered, %d errors, sends up"
                                + " to %d ms behind schedule; %s; %s)",
                        freshness.millis(50),
                        p99,
                        posted.millis(50),
                        posted.millis(99),
                        freshness.count(),
                        achieved,
                        rate,
                        loadResult.errors() + probeErrors.get(),
                        loadResult.lateMillis(),
                        cores,
                        stagesLine),
                bench.options().freshnessRate() == null
                                && bench.measuredIngest().get() != null
                        ? String.format(
                                "80%% of B1's %.0f sets/s",
                                bench.measuredIngest().get())
                        : "",
                "",
                "p99 < 1 s at 80% of B1's ingest",
                p99 < 1000 && achieved >= rate * 0.95 && loadResult.errors() + probeErrors.get() == 0));
    }
}
