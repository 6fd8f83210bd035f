package org.backcare.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.backcare.infra.PostgresServer;

/**
 * Points the application at a fresh database on the real embedded PostgreSQL. Argument {@code database}: the
 * database name (default {@code app}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = SharedInfrastructure.postgres();
        server.recreateDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // the server is shared by the JVM's test classes and stops when the JVM exits
    }
}
