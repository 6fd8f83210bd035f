package org.backcare.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overlays rendered once per test run, with the files written to target/rendered for a look. "prod" is the whole
 * prod install, overlays/prod-foundation (Namespace, storage, PostgreSQL, Kafka) and overlays/prod (the apps)
 * together, as the rules see it; "prod-apps" is overlays/prod alone, what an app deployment applies and deletes;
 * "restore-session-db" is restore/session-db (a Cluster recovered from the backups, docs/storage.md).
 */
final class Overlays {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path PROJECT_ROOT = MODULE.resolve("../..").normalize();
    static final Path RENDERED = MODULE.resolve("target/rendered");

    private static final Map<String, Manifests> RENDERED_OVERLAYS = new ConcurrentHashMap<>();
    private static Kustomize kustomize;

    private Overlays() {}

    static synchronized Kustomize kustomize() {
        if (kustomize == null) {
            kustomize = Kustomize.locate();
            System.out.println(
                    "kustomize: " + String.join(" ", kustomize.command()) + " (" + kustomize.version() + ")");
        }
        return kustomize;
    }

    static Manifests rendered(String overlay) {
        return RENDERED_OVERLAYS.computeIfAbsent(overlay, o -> {
            String yaml = switch (o) {
                case "prod" -> build("overlays/prod-foundation") + "\n---\n" + build("overlays/prod");
                case "prod-apps" -> build("overlays/prod");
                case "restore-session-db" -> build("restore/session-db");
                default -> build("overlays/" + o);
            };
            try {
                Files.createDirectories(RENDERED);
                Files.writeString(file(o), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Manifests.parse(o, yaml);
        });
    }

    private static String build(String directory) {
        return kustomize().build(MODULE.resolve(directory));
    }

    static Path file(String overlay) {
        return RENDERED.resolve(overlay + ".yaml");
    }

    static SchemaValidation schemas() {
        return new SchemaValidation(MODULE.resolve("validation"));
    }
}
