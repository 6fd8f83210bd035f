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
import java.util.function.LongConsumer;
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
        Map<String, Long> values = execute(baseUrl, connections, script(connections, body), duration, name, pid -> {});
        return result(values);
    }

    /**
     * Open loop at {@code rate} requests a second (B3): connection {@code c} of {@code n} sends its {@code k}-th set
     * when it is due, at {@code start + (c + k n) / rate}, whatever the answers took; a send that is late (its
     * connection still waiting for the previous answer) goes at once. Only the answers within the measured window
     * count. The clock is the machine's real-time clock (LuaJIT's FFI, {@code clock_gettime}), so the times are the
     * epoch's milliseconds that {@link System#currentTimeMillis()} gives the harness.
     */
    RateResult runAtRate(
            String baseUrl,
            List<Connection> connections,
            String body,
            Schedule schedule,
            String name,
            LongConsumer started) {
        long seconds = Math.max(1, (schedule.endMillis() - System.currentTimeMillis() + 1999) / 1000);
        Map<String, Long> values = execute(
                baseUrl,
                connections,
                rateScript(connections, body, schedule),
                Duration.ofSeconds(seconds),
                name,
                started);
        return new RateResult(
                values.get("recorded"),
                values.get("failed"),
                values.get("late_ms"),
                values.get("connect_errors")
                        + values.get("read_errors")
                        + values.get("write_errors")
                        + values.get("timeouts"));
    }

    /** When an open-loop run sends (epoch milliseconds) and at what rate. */
    record Schedule(long startMillis, long measureFromMillis, long endMillis, int rate) {}

    /**
     * What an open-loop run did: sets answered 201 within the measured window, other answers within it, how far the
     * sends fell behind their schedule at worst, and socket errors and time-outs over the whole run.
     */
    record RateResult(long recorded, long failed, long lateMillis, long socketErrors) {

        long errors() {
            return failed + socketErrors;
        }
    }

    private Map<String, Long> execute(
            String baseUrl,
            List<Connection> connections,
            String scriptText,
            Duration duration,
            String name,
            LongConsumer started) {
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve(name + ".lua");
            Files.writeString(script, scriptText);
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
                            started,
                            "LD_LIBRARY_PATH",
                            lib.toString())
                    : Processes.run(command, workDir, Duration.ofSeconds(duration.toSeconds() + 60), started);
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
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result result(Map<String, Long> values) {
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
    }

    /** wrk's setup runs once per thread (= connection) in the main Lua state; init then runs in the thread's. */
    private static String script(List<Connection> connections, String body) {
        List<String> lines = connectionLines(connections, body);
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

    /**
     * The open loop's script: {@code delay()}, which wrk asks before each request of a connection, waits until the
     * request is due; {@code response()} counts the answers in the measured window in the thread's state, and
     * {@code done()} adds up every thread's counts.
     */
    private static String rateScript(List<Connection> connections, String body, Schedule schedule) {
        List<String> lines = connectionLines(connections, body);
        lines.add("local ffi = require(\"ffi\")");
        lines.add("ffi.cdef[[");
        lines.add("typedef struct { long tv_sec; long tv_nsec; } backcare_timespec;");
        lines.add("int clock_gettime(int clock, backcare_timespec *now);");
        lines.add("]]");
        lines.add("local now = ffi.new(\"backcare_timespec\")");
        lines.add("local function now_ms()");
        lines.add("  ffi.C.clock_gettime(0, now)"); // CLOCK_REALTIME, as System.currentTimeMillis()
        lines.add("  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6");
        lines.add("end");
        lines.add("local start_ms = " + schedule.startMillis());
        lines.add("local measure_from_ms = " + schedule.measureFromMillis());
        lines.add("local end_ms = " + schedule.endMillis());
        lines.add("local interval_ms = 1000 / " + schedule.rate());
        lines.add("local n = " + connections.size());
        lines.add("sent, recorded, failed, late_ms = 0, 0, 0, 0");
        lines.add("function delay()");
        lines.add("  local due = start_ms + (connection - 1 + sent * n) * interval_ms");
        lines.add("  sent = sent + 1");
        lines.add("  if due >= end_ms then return 3600000 end"); // nothing after the window
        lines.add("  local wait = due - now_ms()");
        lines.add("  if wait <= 0 then");
        lines.add("    if -wait > late_ms then late_ms = -wait end");
        lines.add("    return 0");
        lines.add("  end");
        lines.add("  return math.floor(wait)");
        lines.add("end");
        lines.add("function response(status, headers, body)");
        lines.add("  local t = now_ms()");
        lines.add("  if t >= measure_from_ms and t < end_ms then");
        lines.add("    if status == 201 then recorded = recorded + 1 else failed = failed + 1 end");
        lines.add("  end");
        lines.add("end");
        lines.add("function done(summary, latency, requests)");
        lines.add("  local e = summary.errors");
        lines.add("  local r, f, l = 0, 0, 0");
        lines.add("  for _, t in ipairs(threads) do");
        lines.add("    r = r + t:get(\"recorded\")");
        lines.add("    f = f + t:get(\"failed\")");
        lines.add("    l = math.max(l, t:get(\"late_ms\"))");
        lines.add("  end");
        lines.add("  io.write(string.format(\"wrk-result recorded=%d failed=%d late_ms=%d"
                + " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\\n\",");
        lines.add("    r, f, l, e.connect, e.read, e.write, e.timeout))");
        lines.add("end");
        lines.add("");
        return String.join("\n", lines);
    }

    /** Each connection's path and token, and the request every connection sends. */
    private static List<String> connectionLines(List<Connection> connections, String body) {
        List<String> lines = new ArrayList<>();
        lines.add("-- written by the benchmark harness: one user and open session per connection");
        lines.add("local paths = {");
        connections.forEach(c -> lines.add("  \"" + c.path() + "\","));
        lines.add("}");
        lines.add("local tokens = {");
        connections.forEach(c -> lines.add("  \"" + c.token() + "\","));
        lines.add("}");
        lines.add("local count = 0");
        lines.add("threads = {}");
        lines.add("function setup(thread)");
        lines.add("  count = count + 1");
        lines.add("  thread:set(\"connection\", count)");
        lines.add("  table.insert(threads, thread)");
        lines.add("end");
        lines.add("function init(args)");
        lines.add("  wrk.method = \"POST\"");
        lines.add("  wrk.path = paths[connection]");
        lines.add("  wrk.body = [[" + body + "]]");
        lines.add("  wrk.headers[\"Content-Type\"] = \"application/json\"");
        lines.add("  wrk.headers[\"Authorization\"] = \"Bearer \" .. tokens[connection]");
        lines.add("end");
        return lines;
    }
}
