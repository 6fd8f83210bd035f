package org.backcare.infra.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backcare.infra.InfraException;
import org.backcare.infra.KafkaBroker;
import org.backcare.infra.KeycloakServer;
import org.backcare.infra.Ports;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.Topics;

/**
 * The real infrastructure of one test JVM: each component starts on first use, on free ports, with its data in
 * a temporary directory, and stops when the JVM exits. Test classes share it; each application start gets fresh
 * databases (see {@link PostgresResource}).
 */
public final class SharedInfrastructure {

    private static Path stateDir;
    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static KeycloakServer keycloak;

    private SharedInfrastructure() {}

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = new PostgresServer(Ports.free(), stateDir().resolve("postgres"), log("postgres"));
            postgres.start();
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = new KafkaBroker(Ports.free(), Ports.free(), stateDir().resolve("kafka"), log("kafka"));
            kafka.start();
            kafka.createTopics(Topics.ALL);
        }
        return kafka;
    }

    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            keycloak = new KeycloakServer(Ports.free(), Ports.free(), log("keycloak"));
            keycloak.start();
        }
        return keycloak;
    }

    /** Where this JVM's components keep data and logs; printed in failures. */
    public static synchronized Path stateDir() {
        if (stateDir == null) {
            try {
                Path base = Path.of(System.getProperty("java.io.tmpdir"));
                stateDir = Files.createTempDirectory(base, "backcare-test-");
                Files.setPosixFilePermissions(
                        stateDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new InfraException("infrastructure", "cannot create a temporary directory", e);
            }
        }
        return stateDir;
    }

    private static Path log(String component) {
        return stateDir().resolve("logs").resolve(component + ".log");
    }
}
