package org.backcare.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs JavaScript tests with Node.js's own test runner ({@code node --test}) and reads its JUnit report, so each
 * JavaScript test becomes a test of the build (the guided player's unit tests, the browser tests). Node.js is
 * Debian's ({@code .ci/run} installs it), as for the manifests' validation.
 */
public final class NodeTestRun {

    private static final Pattern CASE =
            Pattern.compile("<testcase name=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL);

    /** One JavaScript test: its name, and what failed (null when it passed). */
    public record Case(String name, String failure) {}

    /** What node printed and what each test did. */
    public record Result(int exitCode, List<Case> cases, String log) {}

    private NodeTestRun() {}

    /**
     * {@code node --test} on {@code targets} in {@code dir}, with {@code environment} added; the report and the log
     * go to {@code reportDir}.
     */
    public static Result run(
            Path dir, List<String> targets, Map<String, String> environment, Path reportDir, Duration timeout) {
        try {
            Files.createDirectories(reportDir);
            Path report = reportDir.toAbsolutePath().resolve("node-tests.xml");
            Path log = reportDir.toAbsolutePath().resolve("node-tests.log");
            List<String> command = new ArrayList<>(List.of(
                    "node",
                    "--test",
                    "--test-concurrency=1",
                    "--test-reporter=junit",
                    "--test-reporter-destination=" + report,
                    "--test-reporter=spec",
                    "--test-reporter-destination=stdout"));
            command.addAll(targets);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process node = builder.start();
            if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("node --test did not finish within " + timeout + ":\n" + read(log));
            }
            String xml = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
            List<Case> cases = new ArrayList<>();
            Matcher m = CASE.matcher(xml);
            while (m.find()) {
                String body = m.group(3) == null ? "" : m.group(3);
                cases.add(new Case(unescape(m.group(1)), body.contains("<failure") ? unescape(body) : null));
            }
            return new Result(node.exitValue(), cases, read(log));
        } catch (IOException e) {
            throw new IllegalStateException("could not run node (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while node ran", e);
        }
    }

    /** {@code npm ci} in {@code dir} unless its node_modules holds {@code marker} already. */
    public static void install(Path dir, String marker, Duration timeout) {
        if (Files.isDirectory(dir.resolve("node_modules").resolve(marker))) {
            return;
        }
        try {
            Path log = Files.createTempFile("npm-ci-", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci in " + dir + " failed:\n" + read(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run npm (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm ran", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#10;", "\n")
                .replace("&amp;", "&");
    }
}
