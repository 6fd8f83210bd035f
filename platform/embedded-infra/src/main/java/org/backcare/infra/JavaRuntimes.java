package org.backcare.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds Java runtimes: the one running now, or one of at least a given feature version for Keycloak. */
public final class JavaRuntimes {

    /** {@code JAVA_VERSION="21.0.5"}, or {@code "1.8.0_292"} for Java 8 and older (feature 8). */
    private static final Pattern JAVA_VERSION =
            Pattern.compile("^JAVA_VERSION=\"(?:1\\.(\\d+)|(\\d+))", Pattern.MULTILINE);

    private JavaRuntimes() {}

    /** The java executable of this JVM. */
    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * A JDK or JRE home of at least {@code feature} (for example 21): {@code $envVariable} when set, then this JVM,
     * then {@code $JAVA_HOME}, then the newest under /usr/lib/jvm, /usr/java, /opt/java and ~/.sdkman.
     */
    public static Optional<Path> homeAtLeast(int feature, String envVariable) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv(envVariable)).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        for (String root : List.of(
                "/usr/lib/jvm",
                "/usr/java",
                "/opt/java",
                System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            candidates.addAll(children(Path.of(root)));
        }
        return firstAtLeast(feature, candidates);
    }

    /** The first of {@code candidates} that has an executable bin/java and declares at least {@code feature}. */
    static Optional<Path> firstAtLeast(int feature, List<Path> candidates) {
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> featureVersion(home).orElse(0) >= feature)
                .findFirst();
    }

    /** The feature version a Java home declares in its release file. */
    public static Optional<Integer> featureVersion(Path home) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Java homes directly under {@code root}, the newest first (symbolic links left out: they repeat one). */
    static List<Path> children(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(root)) {
            return homes.filter(Files::isDirectory)
                    .filter(home -> !Files.isSymbolicLink(home))
                    .sorted(Comparator.comparing(
                                    (Path home) -> featureVersion(home).orElse(0))
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
