package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.CatalogConsumer;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * Renders the report of a user with three months of history in headless Chromium (Debian's chromium, which
 * .ci/run installs) and checks what the page must show in the DOM Chromium built from it (the greeting with the
 * person's name, the headings, every chart as an image with its title and description, the totals); keeps the
 * screenshot at target/report/report.png for a person to look at (the README's copy is docs/report.png). Without
 * Chromium the test fails: a report nobody rendered is not a tested report.
 */
@QuarkusTest
@ProgressTestResources
class ReportScreenshotTest {

    static final String ZONE = "Europe/Berlin";
    static final Path OUT = Path.of("target/report");

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    CatalogConsumer catalog;

    @Inject
    TestClock clock;

    @Test
    void theReportRendersInHeadlessChromiumWithTheNameHeadingsChartsAndTotals() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assertThat(chromium)
                .as("headless Chromium renders the report: install chromium (Debian/Ubuntu: apt-get install chromium;"
                        + " .ci/run does) and run the test again")
                .isNotNull();
        String user = threeMonthsOfBackCare();
        given().auth()
                .oauth2(TestTokens.named(user, "dana", "dana@example.org", "Dana Example", "user"))
                .get("/progress/me")
                .then()
                .statusCode(200);
        var answer = given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String html = given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html").toAbsolutePath();
        Files.writeString(page, html);
        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);

        Document dom = Jsoup.parse(chromium(chromium, "--dump-dom", page.toUri().toString(), "dom.html"));
        assertThat(dom.select("h1").text()).isEqualTo("Your back-care progress");
        assertThat(dom.getElementById("user").text()).isEqualTo("Dana Example");
        assertThat(dom.select("h2").eachText())
                .containsExactly("Summary", "Pain flags", "Next targets", "Charts", "Week by week");
        assertThat(dom.getElementById("total-sessions").text())
                .isEqualTo(Integer.toString(answer.getInt("totals.sessions")));
        assertThat(dom.getElementById("total-sets").text()).isEqualTo(Integer.toString(answer.getInt("totals.sets")));
        assertThat(dom.getElementById("total-reps").text()).isEqualTo(Integer.toString(answer.getInt("totals.reps")));
        assertThat(answer.getInt("totals.sessions")).isGreaterThan(60);
        Elements charts = dom.select("figure svg");
        assertThat(charts).as("the charts, drawn").hasSizeGreaterThanOrEqualTo(4);
        assertThat(charts).allSatisfy(svg -> {
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.select("title").text()).as("a chart's title").isNotBlank();
            assertThat(svg.select("desc").text()).as("a chart's description").isNotBlank();
        });
        assertThat(dom.select("figure h3").eachText())
                .allSatisfy(h -> assertThat(h).isNotBlank());
        assertThat(dom.select("#weeks tbody tr")).isNotEmpty();

        chromium(
                chromium,
                "--screenshot=" + png,
                page.toUri().toString(),
                "chromium.log",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=1000,3600");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(3600);
        assertThat(distinctColours(image))
                .as("a rendered page, not a blank one")
                .isGreaterThan(20);
    }

    /** Runs headless Chromium on the page; answers what it printed (the DOM for --dump-dom). */
    private static String chromium(Path chromium, String what, String url, String log, String... options)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", what));
        command.addAll(List.of(options));
        command.add(url);
        Path out = OUT.resolve(log);
        Process process = new ProcessBuilder(command)
                .redirectError(OUT.resolve(log + ".err").toFile())
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        return Files.readString(out);
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** Most days of the last 13 weeks: stretches, a strength hold getting longer, pain slowly falling. */
    private String threeMonthsOfBackCare() {
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(EAR_TO_SHOULDER, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(SHOULDER_ROLLS, null, 5, 10, 1, "MOBILITY"));
        catalog.exercise(catalogExercise(PLANK, 20, 3, 5, 1, "STRENGTH"));
        String user = id();
        java.time.LocalDate end = java.time.LocalDate.of(2026, 11, 24);
        for (int daysAgo = 90; daysAgo >= 0; daysAgo--) {
            if (daysAgo % 7 == 3 || daysAgo % 11 == 5) {
                continue;
            }
            java.time.LocalDate day = end.minusDays(daysAgo);
            String session = id();
            String start = day.atTime(7, 0)
                    .atZone(java.time.ZoneId.of(ZONE))
                    .toOffsetDateTime()
                    .toString();
            int progress = 90 - daysAgo;
            int painBefore = Math.max(1, 6 - progress / 20);
            List<String> events = new java.util.ArrayList<>();
            events.add(started(user, session, start, ZONE, painBefore));
            for (int i = 0; i < 5; i++) {
                events.add(hold(
                        user,
                        session,
                        id(),
                        CHIN_TO_CHEST,
                        null,
                        Math.min(30, 20 + progress / 6),
                        1,
                        at(day, 1 + i),
                        ZONE));
            }
            events.add(hold(
                    user,
                    session,
                    id(),
                    EAR_TO_SHOULDER,
                    "LEFT",
                    Math.min(30, 18 + progress / 7),
                    1,
                    at(day, 7),
                    ZONE));
            events.add(hold(
                    user,
                    session,
                    id(),
                    EAR_TO_SHOULDER,
                    "RIGHT",
                    Math.min(30, 15 + progress / 8),
                    2,
                    at(day, 8),
                    ZONE));
            events.add(reps(user, session, id(), 6 + progress / 25, 1, at(day, 9), ZONE));
            for (int i = 0; i < 3; i++) {
                events.add(hold(
                        user,
                        session,
                        id(),
                        PLANK,
                        null,
                        15 + progress / 10,
                        daysAgo == 12 ? 7 : 2,
                        at(day, 10 + i),
                        ZONE));
            }
            events.add(completed(user, session, start, at(day, 20), ZONE, painBefore, Math.max(0, painBefore - 2)));
            projector.apply(events.stream().map(parser::parse).toList());
        }
        clock.set("2026-11-24T18:00:00Z");
        return user;
    }

    private static String at(java.time.LocalDate day, int minute) {
        return day.atTime(7, minute)
                .atZone(java.time.ZoneId.of(ZONE))
                .toOffsetDateTime()
                .toString();
    }
}
