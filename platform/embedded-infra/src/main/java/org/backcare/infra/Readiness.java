package org.backcare.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a component to become ready, failing with its log tail when it dies or takes too long. */
final class Readiness {

    private Readiness() {}

    static void await(ManagedProcess process, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 50;
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (process.exitedWithin(Duration.ofMillis(pauseMillis))) {
                throw new InfraException(
                        process.component(),
                        "exited before it became ready. Last lines of " + process.logFile() + ":\n" + process.tail(30));
            }
            if (System.nanoTime() > deadline) {
                process.kill();
                throw new InfraException(
                        process.component(),
                        "did not become ready within " + timeout.toSeconds() + " s. Last lines of " + process.logFile()
                                + ":\n" + process.tail(30));
            }
            pauseMillis = Math.min(500, pauseMillis * 2);
        }
    }
}
