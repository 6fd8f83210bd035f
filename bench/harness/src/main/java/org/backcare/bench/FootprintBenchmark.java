package org.backcare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.backcare.infra.ManagedProcess;
import org.backcare.infra.Ports;
import org.backcare.local.JvmLaunch;
import org.backcare.local.ServiceProcess;

/**
 * B6: per service, the resident memory after B1 to B5 have loaded it, and the time from starting its JVM to its
 * first HTTP answer (median of several restarts, /q/health/live polled every 5 ms); next to a bare Quarkus REST app
 * (bench/bare-rest: quarkus-rest-jackson only, the same BOM) started with the same JVM and options, whose resident
 * memory is read after its own load.
 */
final class FootprintBenchmark {

    static final List<String> SERVICES = List.of("catalog-service", "session-service", "progress-service");
    private static final long POLL = TimeUnit.MILLISECONDS.toNanos(5);
    private final Bench bench;

    FootprintBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() {
        List<Long> rss = new ArrayList<>();
        for (String name : SERVICES) {
            rss.add(residentMegabytes(bench.stack().service(name).pid()));
        }
        List<Double> firstResponse = new ArrayList<>();
        for (String name : SERVICES) {
            firstResponse.add(medianRestart(name));
        }
        double[] bare = bareApp();
        double bareStart = bare[0];
        double bareRss = bare[1];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            double ratio = firstResponse.get(i) / bareStart;
            rows.add(new Row(
                    "B6",
                    SERVICES.get(i) + ": JVM start to first response",
                    String.format("%.2f s", firstResponse.get(i)),
                    String.format("bare app %.2f s", bareStart),
                    String.format("%.2f", ratio),
                    "<= 1.5 x bare",
                    ratio <= 1.5));
            rows.add(new Row(
                    "B6",
                    SERVICES.get(i) + ": resident memory after load",
                    rss.get(i) + " MB",
                    String.format("bare app %.0f MB", bareRss),
                    String.format("%.2f", rss.get(i) / bareRss),
                    "< 256 MB",
                    rss.get(i) < 256));
        }
        return rows;
    }

    private double medianRestart(String name) {
        ServiceProcess service = bench.stack().service(name);
        double[] seconds = new double[bench.options().restarts()];
        for (int i = 0; i < seconds.length; i++) {
            service.stop();
            long started = System.nanoTime();
            service.start();
            awaitAnyAnswer(service.url() + "/q/health/live", name);
            seconds[i] = (System.nanoTime() - started) / 1e9;
            service.awaitReady(Duration.ofMinutes(2));
        }
        return median(seconds);
    }

    /** Starts the bare app a few times; answers its median first-response time and its RSS in MB after load. */
    private double[] bareApp() {
        Path app = bench.repoRoot().resolve("bench/bare-rest/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: bench/run builds it");
        }
        double[] seconds = new double[bench.options().restarts()];
        double rss = 0;
        for (int i = 0; i < seconds.length; i++) {
            int port = Ports.free();
            // the services' Java and JVM options (with the AOT cache when BACKCARE_AOT=1 finds a JDK 25)
            JvmLaunch launch = JvmLaunch.of(app);
            List<String> command = new ArrayList<>(ServiceProcess.command(launch));
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", app.toString()));
            Path log = bench.workDir().resolve("logs/bench-bare-rest.log");
            long logFrom = JvmLaunch.logSize(log);
            long started = System.nanoTime();
            ManagedProcess process =
                    ManagedProcess.start("bench-bare-rest", command, ServiceProcess.ENVIRONMENT, app.getParent(), log);
            String url = "http://localhost:" + port + "/hello";
            awaitAnyAnswer(url, "bare app");
            seconds[i] = (System.nanoTime() - started) / 1e9;
            if (i == seconds.length - 1) {
                load(url);
                rss = residentMegabytes(process.pid());
            }
            process.stop("TERM", Duration.ofSeconds(launch.training() ? 90 : 20));
            launch.promote(log, logFrom);
        }
        return new double[] {median(seconds), rss};
    }

    /** Eight clients calling the bare app for as long as B1 measures. */
    private void load(String url) {
        long end = System.nanoTime() + bench.options().duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Bench.thread("b6-bare-load", () -> {
                while (System.nanoTime() < end) {
                    bench.api().get(url, null, "application/json");
                }
            }));
        }
        Bench.joinAll(threads);
    }

    private void awaitAnyAnswer(String url, String what) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (bench.api().probe(url) < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not answer within 2 minutes");
            }
            LockSupport.parkNanos(POLL);
        }
    }

    static long residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for pid " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
