package org.backcare.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where Maven put the real distributions this module runs: the Kafka broker's classpath, the Keycloak zip and
 * the PostgreSQL binaries jar. The build of {@code infra-distributions} records them; see its pom.
 */
public final class Distributions {

    private Distributions() {}

    public static List<Path> kafkaBrokerClasspath() {
        return Arrays.stream(read("kafka-broker.classpath").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .map(path -> requireFile("Kafka", path))
                .toList();
    }

    public static Path keycloakZip() {
        return requireFile("Keycloak", Path.of(read("keycloak-dist.path")));
    }

    public static Path postgresBinariesJar() {
        return requireFile("PostgreSQL", Path.of(read("postgres-binaries.path")));
    }

    /** The version in a Maven artifact's file name, for example 26.7.3 in keycloak-quarkus-dist-26.7.3.zip. */
    public static String versionOf(Path artifact) {
        var matcher = java.util.regex.Pattern.compile("-(\\d+(\\.\\d+)*)\\.[a-z]+$")
                .matcher(artifact.getFileName().toString());
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String read(String name) {
        try (InputStream in = Distributions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new InfraException(
                        "infrastructure",
                        "missing " + name + " on the classpath: build the project first (./mvnw install -DskipTests)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new InfraException("infrastructure", "cannot read " + name, e);
        }
    }

    private static Path requireFile(String component, Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InfraException(
                    component,
                    "the distribution " + path + " is missing from the local Maven repository. Run ./mvnw install"
                            + " -DskipTests to download it (Maven Central must be reachable).");
        }
        return path;
    }
}
