package org.backcare.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays rendered once per test run, with the files written to target/rendered for a look. */
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
            String yaml = kustomize().build(MODULE.resolve("overlays").resolve(o));
            try {
                Files.createDirectories(RENDERED);
                Files.writeString(file(o), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Manifests.parse(o, yaml);
        });
    }

    static Path file(String overlay) {
        return RENDERED.resolve(overlay + ".yaml");
    }

    static SchemaValidation schemas() {
        return new SchemaValidation(MODULE.resolve("validation"));
    }
}
