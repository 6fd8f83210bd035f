package org.backcare.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.backcare.bench.BenchUsers.User;

/**
 * B1: single-set POSTs from 32 concurrent clients (one user and open session each, closed loop: a client sends its
 * next set when the previous one is answered), warmed up, then measured for a fixed time; next to pgbench running
 * the same two-row transaction with 32 clients on the same PostgreSQL in the same run.
 */
final class IngestBenchmark {

    private final Bench bench;

    IngestBenchmark(Bench bench) {
        this.bench = bench;
    }

    /** What the service did. */
    record Result(double perSecond, Latencies latencies, long errors) {}

    List<Row> run() {
        int clients = bench.options().clients();
        List<User> users = bench.users().create("ingest", clients);
        Result service =
                measure(users, bench.options().warmUp(), bench.options().duration());
        Pgbench.Result pg = new Pgbench(
                        bench.pgbench(),
                        bench.stack().infrastructure().postgres(),
                        bench.workDir().resolve("pgbench"))
                .run(clients, bench.options().warmUp(), bench.options().duration());
        double ratio = service.perSecond() / pg.tps();
        return List.of(new Row(
                "B1",
                "single-set POST, " + clients + " clients, "
                        + bench.options().duration().toSeconds() + " s",
                String.format(
                        "%.0f sets/s, p50 %.1f ms, p99 %.1f ms (%d errors)",
                        service.perSecond(),
                        service.latencies().millis(50),
                        service.latencies().millis(99),
                        service.errors()),
                String.format(
                        "pgbench %.0f tx/s, p50 %.1f ms, p99 %.1f ms",
                        pg.tps(), pg.latencies().millis(50), pg.latencies().millis(99)),
                String.format("%.2f", ratio),
                ">= 0.5 of pgbench",
                ratio >= 0.5 && service.errors() == 0));
    }

    Result measure(List<User> users, Duration warmUp, Duration duration) {
        List<String> tokens = new ArrayList<>();
        List<UUID> sessions = new ArrayList<>();
        for (User user : users) {
            String token = bench.users().token(user);
            UUID session = UUID.randomUUID();
            bench.api()
                    .post(bench.stack().sessionUrl() + "/sessions", token, Workouts.openSession(session))
                    .orFail("start a session");
            tokens.add(token);
            sessions.add(session);
        }
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        Latencies latencies = new Latencies();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String token = tokens.get(i);
            String url = bench.stack().sessionUrl() + "/sessions/" + sessions.get(i) + "/sets";
            threads.add(Bench.thread("b1-client-" + i, () -> {
                int n = 0;
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= measureTo) {
                        return;
                    }
                    Api.Answer answer = bench.api().post(url, token, Workouts.hold(10 + n++ % 50));
                    long answered = System.nanoTime();
                    if (sent >= measureFrom && answered <= measureTo) {
                        if (answer.status() == 201) {
                            latencies.add(answered - sent);
                            completed.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } else if (answer.status() != 201) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        Bench.joinAll(threads);
        return new Result(completed.get() / (duration.toNanos() / 1e9), latencies, errors.get());
    }
}
