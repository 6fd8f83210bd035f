package org.backcare.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.backcare.bench.BenchUsers.User;

/**
 * B5: two users, one with a year and one with ten years of daily sessions (4 sets each, imported through
 * POST /sessions/import), then GET /progress/me/report (the HTML report) for one and the other in turn: warm-up,
 * then the measured requests; p50/p99 and the ratio of ten years to one year.
 */
final class ReportBenchmark {

    private static final int SETS = 4;
    private final Bench bench;

    ReportBenchmark(Bench bench) {
        this.bench = bench;
    }

    List<Row> run() {
        List<User> users = bench.users().create("report", 2);
        User oneYear = users.get(0);
        User tenYears = users.get(1);
        seed(oneYear, 365);
        seed(tenYears, 3650);
        // interleaved, one request each in turn: both users see the same JIT, caches and background work
        Latencies one = new Latencies();
        Latencies ten = new Latencies();
        String oneToken = bench.users().token(oneYear);
        String tenToken = bench.users().token(tenYears);
        for (int i = 0; i < bench.options().reportWarmUp(); i++) {
            report(oneToken, null);
            report(tenToken, null);
        }
        for (int i = 0; i < bench.options().reportRequests(); i++) {
            report(oneToken, one);
            report(tenToken, ten);
        }
        double ratio50 = ten.millis(50) / one.millis(50);
        double ratio99 = ten.millis(99) / one.millis(99);
        return List.of(
                new Row(
                        "B5",
                        "report, 1 year of daily sessions",
                        String.format(
                                "p50 %.1f ms, p99 %.1f ms (%d requests)", one.millis(50), one.millis(99), one.count()),
                        "",
                        "",
                        "p99 < 50 ms",
                        one.millis(99) < 50),
                new Row(
                        "B5",
                        "report, 10 years of daily sessions",
                        String.format(
                                "p50 %.1f ms, p99 %.1f ms (%d requests)", ten.millis(50), ten.millis(99), ten.count()),
                        "1 year",
                        String.format("p50 %.2f, p99 %.2f", ratio50, ratio99),
                        "p99 < 50 ms, <= 1.3 x 1 year",
                        ten.millis(99) < 50 && ratio50 <= 1.3 && ratio99 <= 1.3));
    }

    private void seed(User user, int days) {
        String token = bench.users().token(user);
        LocalDate today = LocalDate.now();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            batch.add(Workouts.importedSession(today.minusDays(d), SETS, d));
            if (batch.size() == ImportBenchmark.SESSIONS_PER_REQUEST || d == 1) {
                bench.api()
                        .post(
                                bench.stack().sessionUrl() + "/sessions/import",
                                token,
                                Map.of("sessions", List.copyOf(batch)),
                                Duration.ofMinutes(5))
                        .orFail("import " + user.name() + "'s history");
                batch.clear();
            }
        }
        long expected = (long) days * SETS;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            Api.Answer progress =
                    bench.api().get(bench.stack().progressUrl() + "/progress/me", token, "application/json");
            if (progress.ok() && progress.json().at("/totals/sets").asLong() >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(user.name() + "'s history did not reach the progress-service");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private void report(String token, Latencies latencies) {
        String url = bench.stack().progressUrl() + "/progress/me/report";
        long sent = System.nanoTime();
        Api.Answer answer = bench.api().get(url, token, "text/html").orFail("report");
        long took = System.nanoTime() - sent;
        if (answer.body().length() < 1000) {
            throw new IllegalStateException("the report is suspiciously short: " + answer.body());
        }
        if (latencies != null) {
            latencies.add(took);
        }
    }
}
