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
import org.backcare.infra.JavaRuntimes;
import org.backcare.infra.ManagedProcess;
import org.backcare.infra.Ports;

/** One of the three services, run from its quarkus-app folder as its own JVM, ready when /q/health/ready is UP. */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path app;
    private final Map<String, String> properties;
    private final Path logFile;
    private ManagedProcess process;

    ServiceProcess(String name, int port, Path repoRoot, Map<String, String> properties, Path logFile) {
        this.name = name;
        this.port = port;
        this.app = repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.properties = properties;
        this.logFile = logFile;
    }

    ServiceProcess start() {
        if (!Files.isRegularFile(app)) {
            throw new InfraException(name, app + " is missing: build first (./mvnw package -DskipTests)");
        }
        Ports.requireFree(name, port);
        List<String> command = new ArrayList<>(List.of(
                JavaRuntimes.current().toString(),
                "-Xms64m",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", app.toString()));
        process = ManagedProcess.start(name, command, Map.of(), app.getParent(), logFile);
        return this;
    }

    /** Waits until the service reports ready (database and Kafka reachable). */
    void awaitReady(Duration timeout) {
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

    void stop() {
        if (process != null) {
            process.stop("TERM", Duration.ofSeconds(20));
            process = null;
        }
    }

    void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path logFile() {
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
