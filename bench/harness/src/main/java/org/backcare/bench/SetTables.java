package org.backcare.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.backcare.infra.PostgresServer;

/**
 * Copies of the session-service's tables a recorded set writes, in their own schema of the session database:
 * workout_session (for the foreign key), workout_set and outbox_message with the same columns, checks, defaults and
 * indexes, the set's foreign key to the session, and the outbox's own sequence. B1's baselines (pgbench and the bare
 * ingest app) write into them, so nothing they write is ever relayed to Kafka; the schema is dropped afterwards.
 */
final class SetTables {

    private SetTables() {}

    static void create(PostgresServer postgres, String schema) {
        sql(
                postgres,
                "drop schema if exists " + schema + " cascade",
                "create schema " + schema,
                "create table " + schema + ".workout_session (like public.workout_session including all)",
                "create table " + schema + ".workout_set (like public.workout_set including all)",
                "alter table " + schema + ".workout_set add foreign key (session_id) references " + schema
                        + ".workout_session (id)",
                "create sequence " + schema + ".outbox_seq",
                "create table " + schema + ".outbox_message (like public.outbox_message including all)",
                "alter table " + schema + ".outbox_message alter column seq set default nextval('" + schema
                        + ".outbox_seq')");
    }

    static void drop(PostgresServer postgres, String schema) {
        sql(postgres, "drop schema if exists " + schema + " cascade");
    }

    static void sql(PostgresServer postgres, String... statements) {
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl("session"), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("B1's tables: " + e.getMessage(), e);
        }
    }
}
