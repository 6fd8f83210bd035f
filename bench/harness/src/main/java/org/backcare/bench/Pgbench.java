package org.backcare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.backcare.infra.PostgresServer;

/**
 * B1's baseline: pgbench on the stack's own PostgreSQL, in the session database, running the transaction a recorded
 * set commits: one row into a copy of workout_set (same columns, checks, indexes and foreign key) and one into a copy
 * of outbox_message, with a payload of the real event's size ({@link SetTables}, in their own schema).
 */
final class Pgbench {

    static final String SCHEMA = "pgbench_b1";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /** What pgbench measured. */
    record Result(double tps, Latencies latencies, long transactions, String version) {}

    private final Path binary;
    private final PostgresServer postgres;
    private final Path workDir;

    Pgbench(Path binary, PostgresServer postgres, Path workDir) {
        this.binary = binary;
        this.postgres = postgres;
        this.workDir = workDir;
    }

    /** pgbench on the PATH or in Debian's /usr/lib/postgresql/N/bin (bench/run installs it when missing). */
    static Optional<Path> find() {
        String explicit = System.getenv("PGBENCH");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench"))
                    .filter(Files::isExecutable)
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Result run(int clients, Duration warmUp, Duration duration) {
        try {
            Files.createDirectories(workDir);
            createTables(clients);
            Path script = workDir.resolve("set-and-outbox.sql");
            Files.writeString(script, script(clients));
            pgbench(clients, warmUp, script, null);
            Path logs = workDir.resolve("log");
            Files.createDirectories(logs);
            String out = pgbench(clients, duration, script, logs.resolve("tx"));
            Matcher tps = TPS.matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench printed no tps:\n" + out);
            }
            Latencies latencies = new Latencies();
            long transactions = 0;
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String[] columns = line.trim().split("\\s+");
                        latencies.add(Long.parseLong(columns[2]) * 1000);
                        transactions++;
                    }
                }
            }
            return new Result(Double.parseDouble(tps.group(1)), latencies, transactions, version());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dropTables();
        }
    }

    private String pgbench(int clients, Duration duration, Path script, Path logPrefix) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--no-vacuum",
                "--protocol=prepared",
                "--client=" + clients,
                "--jobs=2",
                "--time=" + duration.toSeconds(),
                "--file=" + script,
                "--host=127.0.0.1",
                "--port=" + postgres.port(),
                "--username=" + PostgresServer.USER));
        if (logPrefix != null) {
            command.add("--log");
            command.add("--log-prefix=" + logPrefix);
        }
        command.add("session");
        return Processes.run(
                command, workDir, Duration.ofSeconds(duration.toSeconds() + 60), "PGPASSWORD", PostgresServer.PASSWORD);
    }

    private String version() {
        return Processes.run(List.of(binary.toString(), "--version"), workDir, Duration.ofSeconds(10))
                .trim();
    }

    private void createTables(int sessions) {
        SetTables.create(postgres, SCHEMA);
        SetTables.sql(
                postgres,
                "insert into " + SCHEMA + ".workout_session (id, user_id, started_at, time_zone, status)"
                        + " select ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'pgbench-' || n,"
                        + " now(), 'Europe/Berlin', 'IN_PROGRESS' from generate_series(1, " + sessions + ") n");
    }

    private void dropTables() {
        SetTables.drop(postgres, SCHEMA);
    }

    /**
     * The two-row transaction. The payload is a workout.set.recorded.v1 event of the size the service writes (JSON
     * with ": " separators, because pgbench reads a colon before a letter or digit as one of its variables).
     */
    private static String script(int sessions) {
        String session = "('00000000-0000-4000-8000-' || lpad(:s::text, 12, '0'))::uuid";
        String payload = "'{\"specversion\": \"1.0\", \"id\": \"' || gen_random_uuid() || '\", \"source\": "
                + "\"/session-service\", \"type\": \"workout.set.recorded.v1\", \"subject\": \"pgbench-' || :s || '\", "
                + "\"time\": \"' || now() || '\", \"datacontenttype\": \"application/json\", \"dataschema\": "
                + "\"https://backcare.org/schemas/workout.set.recorded.v1.json\", \"data\": {\"id\": \"' || "
                + "gen_random_uuid() || '\", \"occurredAt\": \"' || now() || '\", \"userId\": \"pgbench-' || :s || "
                + "'\", \"sessionId\": \"' || " + session + " || '\", \"setId\": \"' || gen_random_uuid() || '\", "
                + "\"exercise\": {\"id\": \"6f1d2c3b-0a01-4e5f-8a10-000000000004\", \"slug\": \"touch-your-toes\", "
                + "\"name\": \"Touch your toes\", \"regions\": [\"LOWER_BACK\", \"HAMSTRINGS\"], \"measurement\": "
                + "\"HOLD\", \"sided\": false}, \"side\": null, \"holdSeconds\": 30, \"reps\": null, "
                + "\"targetHoldSeconds\": null, \"targetReps\": null, \"pain\": 1, \"recordedAt\": \"' || now() || "
                + "'\", \"timeZone\": \"Europe/Berlin\"}}'";
        return String.join(
                "\n",
                "\\set s random(1, " + sessions + ")",
                "BEGIN;",
                "INSERT INTO " + SCHEMA + ".workout_set (id, session_id, exercise_id, side, hold_seconds, reps,"
                        + " target_hold_seconds, target_reps, pain, recorded_at, exercise_slug, exercise_name,"
                        + " exercise_regions, exercise_measurement, exercise_sided) VALUES (gen_random_uuid(), "
                        + session + ", '6f1d2c3b-0a01-4e5f-8a10-000000000004', NULL, 30, NULL, NULL, NULL, 1, now(),"
                        + " 'touch-your-toes', 'Touch your toes', '{LOWER_BACK,HAMSTRINGS}', 'HOLD', false);",
                "INSERT INTO " + SCHEMA + ".outbox_message (id, topic, message_key, type, payload, created_at)"
                        + " VALUES (gen_random_uuid(), 'workout.session-events', 'pgbench-' || :s,"
                        + " 'workout.set.recorded.v1', " + payload + ", now());",
                "END;",
                "");
    }
}
