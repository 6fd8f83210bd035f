package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks rendered manifests against the Kubernetes and operator schemas with validation/validate.mjs (Node.js): the
 * validators of kubernetes-models (Kubernetes 1.36.0) and @kubernetes-models/cloudnative-pg (CloudNativePG 1.29.0),
 * pinned by package-lock.json and installed with {@code npm ci} on first use, and the CRDs under schemas/.
 */
public final class SchemaValidation {

    /** One object's outcome. */
    public record Outcome(String apiVersion, String kind, String name, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }

        @Override
        public String toString() {
            return kind + " " + name + " (" + apiVersion + "): " + String.join("; ", errors);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path validationDir;

    public SchemaValidation(Path validationDir) {
        this.validationDir = validationDir.toAbsolutePath();
    }

    /** Validates every object of the given rendered files; one outcome per object. */
    public List<Outcome> validate(List<Path> renderedFiles) {
        installOnce();
        List<String> cmd = new ArrayList<>(
                List.of("node", validationDir.resolve("validate.mjs").toString()));
        renderedFiles.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        Kustomize.Result result = Kustomize.run(cmd);
        List<Outcome> outcomes = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode o = JSON.readTree(line);
                List<String> errors = new ArrayList<>();
                o.path("errors").forEach(e -> errors.add(e.asText()));
                outcomes.add(new Outcome(
                        o.path("apiVersion").asText(),
                        o.path("kind").asText(),
                        o.path("name").asText(),
                        errors));
            } catch (IOException e) {
                throw new IllegalStateException("validate.mjs printed something else than a result: " + line, e);
            }
        }
        if (outcomes.isEmpty() || (result.exit() != 0 && outcomes.stream().allMatch(Outcome::valid))) {
            throw new IllegalStateException("validate.mjs failed (exit " + result.exit() + "):\n" + result.stderr());
        }
        return outcomes;
    }

    private synchronized void installOnce() {
        if (Files.isDirectory(validationDir.resolve("node_modules/kubernetes-models"))) {
            return;
        }
        Kustomize.Result node = runIn(List.of("node", "--version"));
        if (node.exit() != 0) {
            throw new IllegalStateException("Node.js is needed to validate the manifests: " + node.stderr());
        }
        Kustomize.Result install = runIn(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        if (install.exit() != 0) {
            throw new IllegalStateException("npm ci in " + validationDir + " failed:\n" + install.stderr());
        }
    }

    private Kustomize.Result runIn(List<String> cmd) {
        try {
            return Kustomize.run(cmd, validationDir);
        } catch (UncheckedIOException e) {
            return new Kustomize.Result(127, "", e.getMessage());
        }
    }
}
