package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.backcare.bench.BenchUsers.User;

/**
 * B2: 1,000 completed sessions of 20 sets each uploaded through POST /sessions/import (100 sessions per request, the
 * most one takes) by 10 users, 4 requests in flight: sets per second from the first request to the last answer, and
 * every session must come back IMPORTED.
 */
final class ImportBenchmark {

    static final int SESSIONS_PER_REQUEST = 100;
    private final Bench bench;

    ImportBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() {
        int sessions = bench.options().importSessions();
        int setsPerSession = 20;
        int requests = (sessions + SESSIONS_PER_REQUEST - 1) / SESSIONS_PER_REQUEST;
        List<User> users = bench.users().create("import", requests);
        ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
        AtomicLong imported = new AtomicLong();
        AtomicLong sets = new AtomicLong();
        List<String> failures = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (int r = 0; r < requests; r++) {
            User user = users.get(r);
            String token = bench.users().token(user);
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < SESSIONS_PER_REQUEST && r * SESSIONS_PER_REQUEST + i < sessions; i++) {
                batch.add(Workouts.importedSession(today.minusDays(i + 1), setsPerSession, i));
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
                    return;
                }
                for (JsonNode outcome : answer.json().path("results")) {
                    if ("IMPORTED".equals(outcome.path("status").asText())) {
                        imported.incrementAndGet();
                        sets.addAndGet(outcome.path("sets").asLong());
                    }
                }
            });
        }
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Bench.thread("b2-client-" + t, () -> {
                for (Runnable next; (next = work.poll()) != null; ) {
                    next.run();
                }
            }));
        }
        Bench.joinAll(threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean complete = imported.get() == sessions && failures.isEmpty();
        return List.of(new Row(
                "B2",
                "import " + sessions + " sessions x " + setsPerSession + " sets",
                String.format(
                        "%.0f sets/s (%d sets in %.1f s, %d/%d sessions imported)%s",
                        sets.get() / seconds,
                        sets.get(),
                        seconds,
                        imported.get(),
                        sessions,
                        failures.isEmpty() ? "" : "; failures: " + failures.get(0)),
                "",
                "",
                "all imported",
                complete));
    }
}
