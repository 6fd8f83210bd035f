package org.backcare.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL (one database per service), Kafka (with the system's topics) and Keycloak (with the realm), started
 * together. The local stack uses fixed ports from docs/architecture.md; tests use free ports.
 */
public final class Infrastructure implements AutoCloseable {

    public static final List<String> DATABASES = List.of("catalog", "session", "progress");

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;

    public Infrastructure(InfraPorts ports, Path stateDir) {
        Path logs = stateDir.resolve("logs");
        this.postgres =
                new PostgresServer(ports.postgres(), stateDir.resolve("postgres"), logs.resolve("postgres.log"));
        this.kafka = new KafkaBroker(
                ports.kafka(), ports.kafkaController(), stateDir.resolve("kafka"), logs.resolve("kafka.log"));
        this.keycloak = new KeycloakServer(ports.keycloak(), ports.keycloakManagement(), logs.resolve("keycloak.log"));
    }

    /** Starts all three at once (Keycloak is the slowest) and fails with the first component that failed. */
    public Infrastructure start() {
        CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
            postgres.start();
            DATABASES.forEach(postgres::createDatabase);
        });
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
            kafka.start();
            kafka.createTopics(Topics.ALL);
        });
        CompletableFuture<Void> identity = CompletableFuture.runAsync(keycloak::start);
        try {
            CompletableFuture.allOf(database, broker, identity).join();
        } catch (CompletionException e) {
            close();
            if (e.getCause() instanceof InfraException infra) {
                throw infra;
            }
            throw new InfraException("infrastructure", e.getCause().getMessage(), e.getCause());
        }
        return this;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    @Override
    public void close() {
        keycloak.stop();
        kafka.stop();
        postgres.stop();
    }

    /** The ports the three components listen on. */
    public record InfraPorts(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement) {

        /** The local ports of docs/architecture.md. */
        public static InfraPorts local() {
            return new InfraPorts(5433, 9092, 9093, 8180, 9180);
        }

        public static InfraPorts free() {
            return new InfraPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free());
        }
    }
}
