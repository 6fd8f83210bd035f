package org.backcare.bench;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.backcare.local.LocalStack;

/**
 * What every benchmark works with: the running stack, an HTTP client, the users, the options, and the
 * session-service's ingest throughput once B1 has measured it (sets/s; B3 offers 80% of it).
 */
record Bench(
        LocalStack stack,
        Api api,
        BenchUsers users,
        Path pgbench,
        Path wrk,
        Path workDir,
        Path repoRoot,
        BenchOptions options,
        AtomicReference<Double> measuredIngest) {

    void log(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + message);
    }

    /** A started platform thread: the clients block on their calls like a phone app's would. */
    static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
