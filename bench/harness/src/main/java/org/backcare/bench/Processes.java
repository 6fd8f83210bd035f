package org.backcare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Runs a baseline tool to completion and answers what it printed. */
final class Processes {

    private Processes() {}

    /** Runs {@code command}; {@code environment} is name, value, name, value ... */
    static String run(List<String> command, Path dir, Duration timeout, String... environment) {
        return run(command, dir, timeout, pid -> {}, environment);
    }

    /** As {@link #run(List, Path, Duration, String...)}, telling {@code started} the process's pid once it runs. */
    static String run(List<String> command, Path dir, Duration timeout, LongConsumer started, String... environment) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            for (int i = 0; i + 1 < environment.length; i += 2) {
                builder.environment().put(environment[i], environment[i + 1]);
            }
            Process process = builder.start();
            started.accept(process.pid());
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
