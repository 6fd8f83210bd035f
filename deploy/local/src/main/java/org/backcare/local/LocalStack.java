package org.backcare.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.backcare.infra.InfraException;
import org.backcare.infra.Infrastructure;
import org.backcare.infra.Infrastructure.InfraPorts;
import org.backcare.infra.PostgresServer;

/**
 * The whole system on one machine: real PostgreSQL, Kafka and Keycloak, then the catalog, session and progress
 * services and the web app. {@code deploy/local/run} calls {@link #main}; the end-to-end test starts it on free ports.
 */
public final class LocalStack implements AutoCloseable {

    private final Path repoRoot;
    private final Path stateDir;
    private final StackPorts ports;
    private final Infrastructure infrastructure;
    private final List<ServiceProcess> services = new ArrayList<>();

    public LocalStack(Path repoRoot, Path stateDir, StackPorts ports) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.infrastructure = new Infrastructure(ports.infra(), this.stateDir);
    }

    /** Starts the infrastructure, then the services, and waits until every one is ready. */
    public LocalStack start() {
        infrastructure.start();
        try {
            Path logs = stateDir.resolve("logs");
            services.add(new ServiceProcess(
                    "catalog-service",
                    ports.catalog(),
                    repoRoot,
                    common("catalog"),
                    logs.resolve("catalog-service.log")));
            Map<String, String> session = common("session");
            session.put("quarkus.rest-client.catalog.url", catalogUrl());
            services.add(new ServiceProcess(
                    "session-service", ports.session(), repoRoot, session, logs.resolve("session-service.log")));
            Map<String, String> progress = common("progress");
            // a rebuild reads the session database through the session-service's history stream
            progress.put("backcare.progress.rebuild.session-history-url", sessionUrl());
            services.add(new ServiceProcess(
                    "progress-service", ports.progress(), repoRoot, progress, logs.resolve("progress-service.log")));
            Map<String, String> web = new LinkedHashMap<>();
            web.put("quarkus.oidc.auth-server-url", infrastructure.keycloak().realmUrl());
            web.put("backcare.web.services.catalog", catalogUrl());
            web.put("backcare.web.services.session", sessionUrl());
            web.put("backcare.web.services.progress", progressUrl());
            web.put(
                    "backcare.web.identity-provider-origin",
                    infrastructure.keycloak().baseUrl());
            services.add(new ServiceProcess("web-app", ports.web(), repoRoot, web, logs.resolve("web-app.log")));
            services.forEach(ServiceProcess::start);
            services.forEach(service -> service.awaitReady(Duration.ofSeconds(120)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Map<String, String> common(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", infrastructure.postgres().jdbcUrl(database));
        properties.put("quarkus.datasource.username", PostgresServer.USER);
        properties.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        properties.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
        properties.put("quarkus.oidc.auth-server-url", infrastructure.keycloak().realmUrl());
        return properties;
    }

    /** The running service of that name (catalog-service, session-service, progress-service, web-app). */
    public ServiceProcess service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /**
     * Another progress-service in the same consumer group, on a free port, started and ready: the scale-out of
     * the fault tests. The stack stops it with the rest.
     */
    ServiceProcess startProgressInstance(int number) {
        ServiceProcess instance = new ServiceProcess(
                "progress-service",
                org.backcare.infra.Ports.free(),
                repoRoot,
                common("progress"),
                stateDir.resolve("logs").resolve("progress-service-" + number + ".log"));
        services.add(instance);
        instance.start().awaitReady(Duration.ofSeconds(120));
        return instance;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::stop);
        infrastructure.close();
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public String catalogUrl() {
        return "http://localhost:" + ports.catalog();
    }

    public String sessionUrl() {
        return "http://localhost:" + ports.session();
    }

    public String progressUrl() {
        return "http://localhost:" + ports.progress();
    }

    /** Where a person opens the app. */
    public String webUrl() {
        return "http://localhost:" + ports.web();
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The ports of everything the stack starts. */
    public record StackPorts(InfraPorts infra, int catalog, int session, int progress, int web) {

        /**
         * The local ports of docs/architecture.md: web app 8080, catalog 8081, session 8082, progress 8083, Keycloak
         * 8180, Kafka 9092, PostgreSQL 5433.
         */
        public static StackPorts local() {
            return new StackPorts(InfraPorts.local(), 8081, 8082, 8083, 8080);
        }

        public static StackPorts free() {
            return new StackPorts(
                    InfraPorts.free(),
                    org.backcare.infra.Ports.free(),
                    org.backcare.infra.Ports.free(),
                    org.backcare.infra.Ports.free(),
                    org.backcare.infra.Ports.free());
        }
    }

    /**
     * Usage: {@code LocalStack [--reset] [--no-demo-data]}. The repository root and state directory come from
     * the system properties {@code backcare.repo-root} and {@code backcare.state-dir} (the run script sets them).
     */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Path root = Path.of(System.getProperty("backcare.repo-root", "."));
        Path state = Path.of(System.getProperty(
                "backcare.state-dir", root.resolve("deploy/local/.state").toString()));
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = new LocalStack(root, state, StackPorts.local());
            if (options.contains("--reset")) {
                stack.reset();
            }
            System.out.println(
                    "Starting PostgreSQL, Kafka and Keycloak, then the three services and the web app (state in "
                            + state + ") ...");
            stack.start();
        } catch (InfraException e) {
            System.err.println();
            System.err.println("Could not start the local stack. " + e.getMessage());
            System.err.println("Logs: " + state.resolve("logs"));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the local stack ...");
                            stack.close();
                            stopped.countDown();
                        },
                        "stop-local-stack"));
        String demo = options.contains("--no-demo-data") ? "skipped (--no-demo-data)" : new DemoData(stack).load();
        System.out.println(Banner.of(stack, demo, Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    /** Deletes every piece of state (databases, Kafka logs, service logs); only before {@link #start()}. */
    public void reset() {
        for (Path dir : List.of(infrastructure.postgres().dataDir(), stateDir)) {
            if (!Files.exists(dir)) {
                continue;
            }
            System.out.println("Resetting: deleting " + dir);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new InfraException("local stack", "could not delete " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
