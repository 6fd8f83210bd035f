package org.backcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guided player's state machine ({@code js/player.js}) is tested in JavaScript with Node.js's own test runner
 * ({@code src/test/js}, no packages, no network); this runs it and reports each JavaScript test as a test of the
 * build, so a failing transition fails {@code ./mvnw verify}.
 */
class PlayerStateMachineTest {

    private static final Pattern CASE =
            Pattern.compile("<testcase name=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyTransitionOfTheGuidedPlayer() throws Exception {
        Path report = Path.of("target/node-tests/player.xml");
        Files.createDirectories(report.getParent());
        Process node = new ProcessBuilder(
                        "node",
                        "--test",
                        "--test-reporter=junit",
                        "--test-reporter-destination=" + report,
                        "src/test/js/")
                .redirectErrorStream(true)
                .redirectOutput(report.resolveSibling("node.log").toFile())
                .start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS))
                .as("node --test finished")
                .isTrue();
        String xml = Files.readString(report, StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        Matcher m = CASE.matcher(xml);
        while (m.find()) {
            String name = unescape(m.group(1));
            String body = m.group(3) == null ? "" : m.group(3);
            tests.add(DynamicTest.dynamicTest(
                    name,
                    () -> assertThat(body).as("the JavaScript test '%s'", name).doesNotContain("<failure")));
        }
        assertThat(tests).as("tests in %s (node log: %s)", report, log(report)).hasSizeGreaterThan(20);
        assertThat(node.exitValue())
                .as("node --test exit code; log: %s", log(report))
                .isZero();
        return tests.stream();
    }

    private static String log(Path report) {
        try {
            return Files.readString(report.resolveSibling("node.log"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
