package org.backcare.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.backcare.infra.KeycloakServer;
import org.backcare.local.LocalStack;
import org.backcare.local.LocalStack.StackPorts;
import org.backcare.local.ServiceProcess;

/**
 * {@code bench/run}: starts a fresh local stack on free ports (state in bench/.state, deleted first), runs B1 to B6
 * and prints one table; each figure stands next to its same-run baseline and the bar of docs/architecture.md.
 * Nothing here asserts a time: a missed bar is printed as NOT MET and the run goes on.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Path root = Path.of(System.getProperty("backcare.repo-root", "."))
                .toAbsolutePath()
                .normalize();
        Path workDir = root.resolve("bench/.state");
        for (String previous : List.of("stack", "pgbench", "wrk", "logs", "results.md")) {
            delete(workDir.resolve(previous)); // bench/run keeps its build log and the JFR recordings beside them
        }
        Files.createDirectories(workDir);
        Path pgbench = null;
        Path wrk = null;
        if (options.runs("B1")) {
            pgbench = Pgbench.find()
                    .orElseThrow(() -> new IllegalStateException(
                            "pgbench was not found (PATH, /usr/lib/postgresql/*/bin or $PGBENCH); bench/run installs"
                                    + " Debian's postgresql-client when it can"));
        }
        if (options.runs("B1") || options.runs("B3")) { // B1's and B3's load generator
            wrk = Wrk.find()
                    .orElseThrow(() -> new IllegalStateException("wrk was not found (PATH, " + Wrk.CACHE
                            + " or $WRK); bench/run unpacks Debian's wrk package when it can"));
        }
        OffsetDateTime date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        System.out.println("Starting a fresh local stack for the benchmarks (state in " + workDir + ") ...");
        List<Row> rows = new ArrayList<>();
        try (LocalStack stack = new LocalStack(root, workDir.resolve("stack"), StackPorts.free()).start()) {
            Api api = new Api();
            Bench bench = new Bench(
                    stack,
                    api,
                    new BenchUsers(stack.infrastructure().keycloak(), api),
                    pgbench,
                    wrk,
                    workDir,
                    root,
                    options,
                    new AtomicReference<>());
            run(bench, "B1", rows, () -> new IngestBenchmark(bench).run());
            run(bench, "B2", rows, () -> new ImportBenchmark(bench).run());
            run(bench, "B3", rows, () -> new FreshnessBenchmark(bench).run());
            run(bench, "B4", rows, () -> new RebuildBenchmark(bench).run());
            run(bench, "B5", rows, () -> new ReportBenchmark(bench).run());
            run(bench, "B6", rows, () -> new FootprintBenchmark(bench).run());
            String table = table(date, stack, pgbench, wrk, rows);
            System.out.println();
            System.out.println(table);
            Files.writeString(workDir.resolve("results.md"), table);
            System.out.println("(also in " + workDir.resolve("results.md") + ")");
        }
        System.exit(0);
    }

    /** A benchmark's rows. */
    interface Benchmark {
        List<Row> run() throws Exception;
    }

    private static void run(Bench bench, String id, List<Row> rows, Benchmark benchmark) {
        if (!bench.options().runs(id)) {
            return;
        }
        bench.log(id + " ...");
        try {
            List<Row> result = benchmark.run();
            result.forEach(row -> bench.log(row.id() + " " + row.measure() + ": " + row.figure()
                    + (row.baseline().isEmpty() ? "" : " | " + row.baseline()) + " " + row.verdict()));
            rows.addAll(result);
        } catch (Exception | AssertionError e) {
            e.printStackTrace(System.out);
            rows.add(new Row(id, "failed", e.toString(), "", "", "", false));
        }
    }

    private static String table(OffsetDateTime date, LocalStack stack, Path pgbench, Path wrk, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Benchmarks, ").append(date).append('\n');
        out.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(memoryGiB())
                .append(" GiB, ")
                .append(cpuModel())
                .append("; JVM ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(Runtime.version())
                .append(", services with ")
                .append(String.join(" ", ServiceProcess.JVM_OPTIONS))
                .append(' ')
                .append(System.getProperty(ServiceProcess.EXTRA_JVM_OPTIONS, ""))
                .append('\n');
        out.append("PostgreSQL ")
                .append(stack.infrastructure().postgres().version())
                .append(", Kafka ")
                .append(org.apache.kafka.common.utils.AppInfoParser.getVersion())
                .append(", Keycloak ")
                .append(KeycloakServer.version())
                .append(pgbench == null ? "" : ", " + pgbench)
                .append(wrk == null ? "" : ", " + wrk)
                .append("\n\n");
        out.append("| | measure | figure | same-run baseline | ratio | bar | |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            row.id(),
                            row.measure(),
                            row.figure(),
                            row.baseline(),
                            row.ratio(),
                            row.bar(),
                            row.verdict()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.round(sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return -1;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
