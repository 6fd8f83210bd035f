package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pods themselves (deploy/kubernetes/docs/pods.md): memory sized from the resident memory BENCHMARKS.md measured
 * (B6), the JVM options left to the image, secrets mounted so that their updates arrive (no subPath), and images
 * pinned by digest.
 */
final class PodRules implements ProductionRules {

    /** The request covers the measured resident memory plus the spread between benchmark runs. */
    static final double REQUEST_MARGIN = 1.10;
    /** The limit leaves room for more load than the benchmark's, and for the image's JDK 21 (JDK 17 was measured). */
    static final double LIMIT_MARGIN = 1.50;
    /** Where B6's figures are read from, in the repository. */
    static final String BENCHMARKS = "BENCHMARKS.md";
    /** The B6 baseline row's name for the web app, which B6 does not measure: the bare Quarkus REST app. */
    static final String BARE_APP = "bare app";

    /** Environment variables through which the JVM would pick up options other than the image's measured ones. */
    static final Set<String> JVM_OPTION_VARIABLES =
            Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_OPTIONS");

    private static final Pattern DIGEST = Pattern.compile("[^@\\s]+@sha256:[0-9a-f]{64}");
    private static final Pattern RSS_ROW = Pattern.compile(
            "\\| B6 \\| ([a-z-]+): resident memory after load \\| \\*\\*(\\d+) MB\\*\\* \\| bare app (\\d+) MB");

    private final Map<String, Integer> measuredMi;

    PodRules() {
        this(measuredResidentMemory(locate(BENCHMARKS)));
    }

    /** {@code measuredMi}: resident memory in MiB per workload ("catalog-service", ..., and {@link #BARE_APP}). */
    PodRules(Map<String, Integer> measuredMi) {
        this.measuredMi = Map.copyOf(measuredMi);
    }

    @Override
    public void check(Manifests manifests, Violations violations) {
        manifests.workloadDeployments().forEach(deployment -> {
            String name = Manifests.name(deployment);
            boolean web = "web"
                    .equals(deployment
                            .at("/metadata/labels")
                            .path("app.kubernetes.io/component")
                            .asText());
            Integer measured = measuredMi.get(web ? BARE_APP : name);
            String figure = web
                    ? "the bare Quarkus app's " + measured + " MiB (BENCHMARKS.md B6; the web app is not measured)"
                    : "the measured " + measured + " MiB (BENCHMARKS.md B6)";
            JsonNode pod = deployment.at("/spec/template/spec");
            for (JsonNode container : pod.path("containers")) {
                String c = "container " + container.path("name").asText();
                if (measured == null) {
                    violations.of(deployment, c + ": BENCHMARKS.md has no B6 resident memory for " + name);
                } else {
                    memory(deployment, container, "requests", REQUEST_MARGIN, measured, figure, violations);
                    memory(deployment, container, "limits", LIMIT_MARGIN, measured, figure, violations);
                }
                for (JsonNode env : container.path("env")) {
                    String variable = env.path("name").asText();
                    if (JVM_OPTION_VARIABLES.contains(variable)) {
                        violations.of(
                                deployment,
                                c + " sets " + variable + ": the image runs the JVM options BENCHMARKS.md measured"
                                        + " (quarkus.jib.jvm-entrypoint); change them there, not in the pod");
                    }
                }
                String image = container.path("image").asText();
                if (!DIGEST.matcher(image).matches() && (image.contains("@") || tagged(image))) {
                    violations.of(
                            deployment,
                            c + " runs " + image + ": pin it by digest (name@sha256:<64 hex>) with"
                                    + " deploy/kubernetes/pin-images");
                }
            }
            subPathSecretMounts(deployment, pod, violations);
        });
    }

    /** Tagged, not :latest: an image without a tag or on :latest is already named by ManifestPolicies. */
    private static boolean tagged(String image) {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        return lastPart.contains(":") && !lastPart.endsWith(":latest");
    }

    private static void memory(
            JsonNode deployment,
            JsonNode container,
            String kind,
            double margin,
            int measured,
            String figure,
            Violations violations) {
        JsonNode value = container.at("/resources/" + kind + "/memory");
        if (value.isMissingNode()) {
            return; // ManifestPolicies names a missing request or limit
        }
        long wanted = (long) Math.ceil(measured * margin);
        long actual = mebibytes(value.asText());
        if (actual < wanted) {
            violations.of(
                    deployment,
                    "container " + container.path("name").asText() + ": resources." + kind + ".memory "
                            + value.asText() + " is below " + figure + " x " + margin + " = " + wanted
                            + "Mi: raise it (base/service-pod.yaml or base/web/deployment.yaml)");
        }
    }

    /** A Secret or ConfigMap mounted with subPath never sees an update (the CA Strimzi renews, for one). */
    private static void subPathSecretMounts(JsonNode deployment, JsonNode pod, Violations violations) {
        Map<String, String> sources = new HashMap<>();
        for (JsonNode volume : pod.path("volumes")) {
            for (String source : new String[] {"secret", "configMap", "projected"}) {
                if (volume.has(source)) {
                    sources.put(volume.path("name").asText(), source);
                }
            }
        }
        for (String containers : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : pod.path(containers)) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    String volume = mount.path("name").asText();
                    if (sources.containsKey(volume) && (mount.has("subPath") || mount.has("subPathExpr"))) {
                        violations.of(
                                deployment,
                                "container " + container.path("name").asText() + " mounts the " + sources.get(volume)
                                        + " volume " + volume + " with subPath: such a mount never receives"
                                        + " updates (a renewed CA); mount the directory (use items to pick keys)");
                    }
                }
            }
        }
    }

    /** A memory quantity in MiB, rounded down ("384Mi", "1Gi", "400M", "268435456"). */
    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([KMGT]i?)?").matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        double bytes = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        bytes *= switch (unit) {
            case "" -> 1;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1e12;
        };
        return (long) Math.floor(bytes / (1L << 20));
    }

    /**
     * B6's resident memory per service and the bare app's, from BENCHMARKS.md's results table (the harness reports
     * VmRSS kB / 1024, i.e. MiB, as "MB").
     */
    static Map<String, Integer> measuredResidentMemory(Path benchmarks) {
        String text;
        try {
            text = Files.readString(benchmarks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> figures = new HashMap<>();
        Matcher m = RSS_ROW.matcher(text);
        while (m.find()) {
            figures.putIfAbsent(m.group(1), Integer.parseInt(m.group(2)));
            figures.putIfAbsent(BARE_APP, Integer.parseInt(m.group(3)));
        }
        if (figures.isEmpty()) {
            throw new IllegalStateException(benchmarks + " has no B6 resident memory rows");
        }
        return figures;
    }

    /** {@code file} in the working directory or the nearest directory above it (the module runs in deploy/kubernetes). */
    static Path locate(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir.resolve(file);
            }
        }
        throw new IllegalStateException(file + " not found above " + Path.of("").toAbsolutePath());
    }
}
