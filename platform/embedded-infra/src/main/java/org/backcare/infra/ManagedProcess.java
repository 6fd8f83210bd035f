package org.backcare.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An operating-system process that this JVM started and owns: its output goes to a log file, its pid to a pid
 * file (so a later run can clean up after a run that was killed), and it is stopped when this JVM exits.
 */
public final class ManagedProcess {

    private static final Logger LOG = Logger.getLogger(ManagedProcess.class);

    private final String component;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Thread shutdownHook;
    private volatile Duration stopGrace = Duration.ofSeconds(20);

    private ManagedProcess(String component, Process process, Path logFile, Path pidFile) {
        this.component = component;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + component);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command}. A process left behind by an earlier run under the same pid file is killed first.
     */
    public static ManagedProcess start(
            String component, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        Path pidFile = logFile.resolveSibling(logFile.getFileName().toString().replaceAll("\\.log$", "") + ".pid");
        killLeftover(component, pidFile);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            LOG.debugf("%s started as pid %d, log %s", component, process.pid(), logFile);
            return new ManagedProcess(component, process, logFile, pidFile);
        } catch (IOException e) {
            throw new InfraException(component, "could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void killLeftover(String component, Path pidFile) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
            leftover.filter(ProcessHandle::isAlive).ifPresent(handle -> {
                LOG.warnf("%s: killing pid %d left behind by an earlier run", component, pid);
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                handle.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("%s: ignoring unreadable pid file %s (%s)", component, pidFile, e.getMessage());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to exit; true when it has. */
    public boolean exitedWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(component, "interrupted while waiting for it", e);
        }
    }

    public Path logFile() {
        return logFile;
    }

    public String component() {
        return component;
    }

    /** Sends {@code signal} (for example INT or TERM) to the process. */
    public void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new InfraException(component, "could not send SIG" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM, or {@code signal}), and kills it when it has not stopped in time. */
    public void stop(String signal, Duration grace) {
        if (process.isAlive()) {
            signal(signal);
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("%s did not stop within %s; killing it", component, grace);
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        forget();
    }

    /** Kills the process and its children at once (SIGKILL), as a crash would. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        return LogTail.of(logFile, lines);
    }

    /**
     * How long a stop on this JVM's exit waits for the process before killing it (20 s unless set; a JVM that writes
     * its AOT cache on the way out needs longer).
     */
    public void stopGrace(Duration grace) {
        stopGrace = grace;
    }

    private void stopQuietly() {
        try {
            stop("TERM", stopGrace);
        } catch (RuntimeException e) {
            process.destroyForcibly();
        }
    }

    private void forget() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against a live process before it is used
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already running the hooks
        }
    }
}
