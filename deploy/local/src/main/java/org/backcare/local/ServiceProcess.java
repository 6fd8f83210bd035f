package org.backcare.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backcare.infra.InfraException;
import org.backcare.infra.ManagedProcess;
import org.backcare.infra.Ports;

/**
 * One of the services or the web app, run from its quarkus-app folder as its own JVM, ready when /q/health/ready is UP. The
 * JVM options are {@link #JVM_OPTIONS}; the system property {@code backcare.service.extra-jvm-options} (space
 * separated) adds to them, for instance a JFR recording while benchmarking; {@code BACKCARE_AOT=1} runs it on a JDK 25
 * with its AOT cache ({@link JvmLaunch}).
 */
public final class ServiceProcess {

    /**
     * What a service needs on a small machine (BENCHMARKS.md, B1 and B6): a heap of at most 96 MB given back when it
     * is not used, with a young generation of 12 MB (a request's garbage dies young; the default third of the heap
     * kept eden's pages resident), the serial collector, and only the C1 compiler. On two cores the C2 compiler's threads compete
     * with the requests for minutes after a start; without them a set POST is 70% faster in the first minutes, the
     * start is half as long and the resident memory about 100 MB smaller. The JDK keeps a direct buffer as large as
     * the largest read or write each thread made through a heap buffer (a Kafka fetch is megabytes): at most 256 KB
     * are kept. The malloc heap is trimmed every 5 s, giving back what threads that ended and the compiler freed
     * (JDK 17.0.9 and later; another JDK ignores the option), and metaspace is committed and given back in small
     * granules (JDK 16 to 20; later JDKs ignore the option). The same options run the bare baseline.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-Xms32m",
            "-Xmx96m",
            "-Xmn12m",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxMetaspaceSize=160m",
            "-Djdk.nio.maxCachedBufferSize=262144",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:TrimNativeHeapInterval=5000",
            "-XX:MetaspaceReclaimPolicy=aggressive");

    /**
     * glibc gives every thread that allocates its own malloc arena (64 MB reserved, a few touched): two arenas keep
     * the native memory of Netty, Kafka and the JDBC driver from spreading over dozens of them.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    public static final String EXTRA_JVM_OPTIONS = "backcare.service.extra-jvm-options";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path app;
    private final Map<String, String> properties;
    private final Path logFile;
    private ManagedProcess process;
    private JvmLaunch launch;
    private long logOffset;

    ServiceProcess(String name, int port, Path repoRoot, Map<String, String> properties, Path logFile) {
        this.name = name;
        this.port = port;
        this.app = repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.properties = properties;
        this.logFile = logFile;
    }

    public ServiceProcess start() {
        if (!Files.isRegularFile(app)) {
            throw new InfraException(name, app + " is missing: build first (./mvnw package -DskipTests)");
        }
        Ports.requireFree(name, port);
        launch = JvmLaunch.of(app);
        logOffset = JvmLaunch.logSize(logFile);
        List<String> command = command(launch);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", app.toString()));
        process = ManagedProcess.start(name, command, ENVIRONMENT, app.getParent(), logFile);
        process.stopGrace(stopGrace());
        return this;
    }

    /** Waits until the service reports ready (database and Kafka reachable). */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (process.exitedWithin(Duration.ofMillis(250))) {
                throw new InfraException(
                        name, "exited during start-up. Last lines of " + logFile + ":\n" + process.tail(30));
            }
            if (System.nanoTime() > deadline) {
                process.kill();
                throw new InfraException(
                        name,
                        "not ready within " + timeout.toSeconds() + " s. Last lines of " + logFile + ":\n"
                                + process.tail(30));
            }
        }
    }

    public void stop() {
        if (process != null) {
            process.stop("TERM", stopGrace());
            process = null;
            launch.promote(logFile, logOffset);
        }
    }

    /** A run that trains the AOT cache writes it on the way out (JvmLaunch): 10 to 20 s more, longer on a busy machine. */
    private Duration stopGrace() {
        return Duration.ofSeconds(launch.training() ? 90 : 20);
    }

    /**
     * The Java and JVM options that run a Quarkus app as the local stack runs the services: {@link #JVM_OPTIONS}, the
     * extra options of {@link #EXTRA_JVM_OPTIONS}, and the AOT cache's when {@code launch} has it. The benchmarks'
     * bare apps run with the same.
     */
    public static List<String> command(JvmLaunch launch) {
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        command.addAll(JVM_OPTIONS);
        String extra = System.getProperty(EXTRA_JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(launch.options());
        return command;
    }

    public void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The JVM's pid while it runs. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(name, "interrupted while waiting for it", e);
        }
    }
}
