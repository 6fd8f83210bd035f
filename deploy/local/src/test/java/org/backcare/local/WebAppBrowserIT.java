package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backcare.infra.NodeTestRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A person uses the web app in headless Chromium (Debian's chromium, driven by playwright-core with its
 * executablePath) against the real stack: Keycloak, the three services and the web app as processes. The
 * scenarios are in {@code deploy/local/browser/webapp.test.mjs}: the first load's weight, signing in, the routines,
 * a guided session with Done, Skip, Pause, both sides, reps and It hurts, a 30 s hold's drift, a session run
 * offline and uploaded exactly once, an expired sign-in that keeps the queue, history and progress, axe-core on
 * every page. Screenshots at 390 x 844 and 1280 x 800 go to {@code target/screenshots}.
 */
class WebAppBrowserIT {

    @TestFactory
    Stream<DynamicTest> aPersonDoesTheirMorningSessionInTheWebApp() {
        LocalStack stack = SharedStack.get();
        String admin = stack.infrastructure().keycloak().accessToken("admin", "admin");
        // a short neck and shoulder starter, made through the catalog API (the app has no test switch)
        String routine = routine(
                stack,
                admin,
                "browser-neck-and-shoulders",
                List.of(
                        entry(DemoData.CHIN_TO_CHEST, Map.of("holdSeconds", 3, "repsMin", 2, "repsMax", 2, "sets", 1)),
                        entry(
                                DemoData.EAR_TO_SHOULDER,
                                Map.of("holdSeconds", 2, "repsMin", 1, "repsMax", 1, "sets", 1)),
                        entry(DemoData.SHOULDER_ROLLS, Map.of("repsMin", 3, "repsMax", 5, "sets", 1)),
                        entry(DemoData.TOUCH_TOES, Map.of("holdSeconds", 2, "repsMin", 1, "repsMax", 1, "sets", 1))));
        String hold30 = routine(
                stack,
                admin,
                "browser-one-30-second-hold",
                List.of(entry(
                        DemoData.CHIN_TO_CHEST, Map.of("holdSeconds", 30, "repsMin", 1, "repsMax", 1, "sets", 1))));

        // a person of the test's own who erases their data at the end (the demo users keep theirs)
        String eraser = "erin-" + Long.toString(System.currentTimeMillis(), 36);
        stack.infrastructure().keycloak().createUser(eraser, eraser, "Erin", "Eraser", "user");

        Path browserTests = Path.of("browser");
        NodeTestRun.install(browserTests, "playwright-core", Duration.ofMinutes(5));
        NodeTestRun.Result run = NodeTestRun.run(
                browserTests,
                List.of("webapp.test.mjs"),
                Map.of(
                        // 127.0.0.1: the local realm's public client accepts redirects back to any port there
                        "BASE", stack.webUrl().replace("localhost", "127.0.0.1"),
                        "REALM", stack.infrastructure().keycloak().realmUrl(),
                        "CATALOG", stack.catalogUrl(),
                        "SESSION", stack.sessionUrl(),
                        "PROGRESS", stack.progressUrl(),
                        "ROUTINE", routine,
                        "HOLD30", hold30,
                        "ERASER", eraser,
                        "CHIN_TO_CHEST", DemoData.CHIN_TO_CHEST,
                        "SHOTS", Path.of("target/screenshots").toAbsolutePath().toString()),
                Path.of("target/browser-tests"),
                Duration.ofMinutes(10));
        assertThat(run.cases())
                .as("the browser tests; node said:\n%s", run.log())
                .hasSizeGreaterThan(5);
        return run.cases().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.name(),
                        () -> assertThat(c.failure())
                                .as("'%s'; node said:\n%s", c.name(), run.log())
                                .isNull()));
    }

    private static Map<String, Object> entry(String exerciseId, Map<String, Integer> prescription) {
        return Map.of("exerciseId", exerciseId, "prescription", prescription);
    }

    private static String routine(LocalStack stack, String admin, String slug, List<Map<String, Object>> entries) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "slug",
                        slug,
                        "name",
                        "Browser test: " + slug,
                        "description",
                        "A short routine for the browser tests.",
                        "weeklyTarget",
                        3,
                        "entries",
                        entries))
                .post(stack.catalogUrl() + "/routines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
