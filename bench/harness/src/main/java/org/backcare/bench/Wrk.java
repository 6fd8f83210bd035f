package org.backcare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B1's load generator: wrk (Debian's package), a native closed-loop HTTP benchmark that costs little CPU, so it takes
 * less of the two cores from the processes it measures than a JVM client would. One wrk thread per connection, and
 * a Lua script that gives each connection its own user's token and open session (the POST's path); the body is one
 * timed hold. wrk's latency distribution gives p50 and p99.
 */
final class Wrk {

    /** Where bench/run unpacks Debian's wrk and libluajit packages when wrk is not installed. */
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache/backcare/wrk");

    private static final Pattern RESULT = Pattern.compile("wrk-result (.*)");

    /** What one wrk run measured; latencies in milliseconds. */
    record Result(
            long requests, double seconds, long statusErrors, long socketErrors, double p50Millis, double p99Millis) {

        /** 2xx answers. */
        long answered() {
            return requests - statusErrors;
        }

        double perSecond() {
            return answered() / seconds;
        }

        long errors() {
            return statusErrors + socketErrors;
        }
    }

    /** One connection: its path (with its open session) and its user's bearer token. */
    record Connection(String path, String token) {}

    private final Path binary;
    private final Path workDir;

    Wrk(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** wrk from $WRK, the PATH or bench/run's cache. */
    static Optional<Path> find() {
        String explicit = System.getenv("WRK");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path cached = CACHE.resolve("usr/bin/wrk");
        return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
    }

    /** POSTs {@code body} over one connection per entry of {@code connections} for {@code duration}. */
    Result run(String baseUrl, List<Connection> connections, String body, Duration duration, String name) {
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve(name + ".lua");
            Files.writeString(script, script(connections, body));
            List<String> command = List.of(
                    binary.toString(),
                    "--threads=" + connections.size(),
                    "--connections=" + connections.size(),
                    "--duration=" + duration.toSeconds() + "s",
                    "--timeout=10s",
                    "--latency",
                    "--script=" + script,
                    baseUrl);
            Path lib = CACHE.resolve("usr/lib/x86_64-linux-gnu");
            String out = Files.isDirectory(lib) && binary.startsWith(CACHE)
                    ? Processes.run(
                            command,
                            workDir,
                            Duration.ofSeconds(duration.toSeconds() + 60),
                            "LD_LIBRARY_PATH",
                            lib.toString())
                    : Processes.run(command, workDir, Duration.ofSeconds(duration.toSeconds() + 60));
            Files.writeString(workDir.resolve(name + ".out"), out);
            Matcher line = RESULT.matcher(out);
            if (!line.find()) {
                throw new IllegalStateException("wrk printed no result:\n" + out);
            }
            Map<String, Long> values = new HashMap<>();
            for (String pair : line.group(1).trim().split("\\s+")) {
                String[] kv = pair.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
            return new Result(
                    values.get("requests"),
                    values.get("duration_us") / 1e6,
                    values.get("status_errors"),
                    values.get("connect_errors")
                            + values.get("read_errors")
                            + values.get("write_errors")
                            + values.get("timeouts"),
                    values.get("p50_us") / 1000.0,
                    values.get("p99_us") / 1000.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** wrk's setup runs once per thread (= connection) in the main Lua state; init then runs in the thread's. */
    private static String script(List<Connection> connections, String body) {
        List<String> lines = new ArrayList<>();
        lines.add("-- written by the benchmark harness (IngestBenchmark): one user and open session per connection");
        lines.add("local paths = {");
        connections.forEach(c -> lines.add("  \"" + c.path() + "\","));
        lines.add("}");
        lines.add("local tokens = {");
        connections.forEach(c -> lines.add("  \"" + c.token() + "\","));
        lines.add("}");
        lines.add("local count = 0");
        lines.add("function setup(thread)");
        lines.add("  count = count + 1");
        lines.add("  thread:set(\"connection\", count)");
        lines.add("end");
        lines.add("function init(args)");
        lines.add("  wrk.method = \"POST\"");
        lines.add("  wrk.path = paths[connection]");
        lines.add("  wrk.body = [[" + body + "]]");
        lines.add("  wrk.headers[\"Content-Type\"] = \"application/json\"");
        lines.add("  wrk.headers[\"Authorization\"] = \"Bearer \" .. tokens[connection]");
        lines.add("end");
        lines.add("function done(summary, latency, requests)");
        lines.add("  local e = summary.errors");
        lines.add("  io.write(string.format(\"wrk-result requests=%d duration_us=%d status_errors=%d"
                + " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p99_us=%d\\n\",");
        lines.add("    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,");
        lines.add("    latency:percentile(50), latency:percentile(99)))");
        lines.add("end");
        lines.add("");
        return String.join("\n", lines);
    }
}
