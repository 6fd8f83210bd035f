package org.backcare.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from the Kafka
 * jars the Quarkus BOM manages as its own JVM, so that tests can kill it (SIGKILL) and start it again on the
 * same data.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String COMPONENT = "Kafka";
    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path logFile;
    private ManagedProcess process;

    public KafkaBroker(int port, int controllerPort, Path dataDir, Path logFile) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.logFile = logFile;
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(COMPONENT, port);
        Ports.requireFree(COMPONENT + " controller", controllerPort);
        Path config = writeConfig();
        formatStorageOnce(config);
        process = ManagedProcess.start(COMPONENT, java("kafka.Kafka", config.toString()), Map.of(), dataDir, logFile);
        Readiness.await(process, Duration.ofSeconds(90), this::answersMetadata);
        LOG.infof("Kafka broker ready on %s, data in %s", bootstrapServers(), dataDir);
        return this;
    }

    /** Controlled shutdown: the broker flushes and leaves cleanly. */
    public synchronized void stop() {
        if (process != null) {
            process.stop("TERM", Duration.ofSeconds(60));
            process = null;
        }
    }

    /** SIGKILL, as a crash: nothing is flushed; the next {@link #start()} recovers from the log. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Creates the topics that do not exist yet, and sets the configuration of those that do to the spec's (a data
     * directory kept from an earlier version keeps the retention the code says now).
     */
    public void createTopics(List<TopicSpec> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (TopicSpec topic : topics) {
                if (existing.contains(topic.name())) {
                    configure(admin, topic.name(), topic.configs());
                }
            }
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.infof(
                    "Kafka topics created: %s",
                    missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
        } catch (ExecutionException | TimeoutException e) {
            throw new InfraException(COMPONENT, "could not create topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted while creating topics", e);
        }
    }

    /** Sets these configuration entries of an existing topic (tests shorten a retention with it). */
    public void configureTopic(String topic, Map<String, String> configs) {
        try (Admin admin = admin()) {
            configure(admin, topic, configs);
        } catch (ExecutionException | TimeoutException e) {
            throw new InfraException(COMPONENT, "could not configure topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted while configuring topic " + topic, e);
        }
    }

    private static void configure(Admin admin, String topic, Map<String, String> configs)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(properties);
    }

    private boolean answersMetadata() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path writeConfig() {
        Path logs = dataDir.resolve("kraft-logs");
        String config = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.flush.interval.messages=9223372036854775807",
                "message.max.bytes=2097152",
                // expired segments are looked for every ten seconds (five minutes by default), so a test that shortens
                // a topic's retention sees its records go soon after
                "log.retention.check.interval.ms=10000",
                "");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new InfraException(COMPONENT, "could not write its configuration in " + dataDir, e);
        }
    }

    /** KRaft storage is formatted once; the controller port is fixed in the config it was formatted with. */
    private void formatStorageOnce(Path config) {
        Path meta = dataDir.resolve("kraft-logs").resolve("meta.properties");
        if (Files.exists(meta)) {
            return;
        }
        Path formatLog = logFile.resolveSibling("kafka-format.log");
        try {
            Files.createDirectories(formatLog.getParent());
            Process format = new ProcessBuilder(java(
                            "kafka.tools.StorageTool",
                            "format",
                            "--ignore-formatted",
                            // one token: a base64url id may start with '-', which would read as an option
                            "--cluster-id=" + clusterId(),
                            "--config=" + config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(formatLog.toFile())
                    .start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new InfraException(COMPONENT, "formatting storage failed:\n" + LogTail.of(formatLog, 20));
            }
        } catch (IOException e) {
            throw new InfraException(COMPONENT, "could not format storage in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted while formatting storage", e);
        }
    }

    private static String clusterId() {
        // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding
        UUID uuid = UUID.randomUUID();
        byte[] bytes = java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private List<String> java(String mainClass, String... args) {
        String classpath = Distributions.kafkaBrokerClasspath().stream()
                .map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                JavaRuntimes.current().toString(),
                "-Xms128m",
                "-Xmx768m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.kafka.log=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage=warn",
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A topic to create: name, partitions and topic-level configs (cleanup.policy and so on). */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}
}
