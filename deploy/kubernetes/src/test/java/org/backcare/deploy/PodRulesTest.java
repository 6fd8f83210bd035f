package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PodRules}, each broken once on the rendered prod overlay, and the images' JVM options against the benchmarks. */
class PodRulesTest {

    private static final Path SERVICE_PROCESS =
            Path.of("deploy/local/src/main/java/org/backcare/local/ServiceProcess.java");
    private static final String DIGEST_PLACEHOLDER = "sha256:" + "0".repeat(64);

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    private static ObjectNode container(Manifests manifests, String deployment) {
        return (ObjectNode)
                manifests.find("Deployment", deployment).orElseThrow().at("/spec/template/spec/containers/0");
    }

    // --- item 4: the measured JVM options, and memory from the measured resident memory -----------------------------

    /** The JVM options of deploy/local's ServiceProcess (what bench/ runs), read from its source. */
    private static List<String> measuredJvmOptions() throws Exception {
        String source = Files.readString(Overlays.PROJECT_ROOT.resolve(SERVICE_PROCESS));
        Matcher block = Pattern.compile("JVM_OPTIONS = List\\.of\\((.*?)\\);", Pattern.DOTALL)
                .matcher(source);
        assertThat(block.find()).as("ServiceProcess.JVM_OPTIONS").isTrue();
        List<String> options = new ArrayList<>();
        Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(block.group(1));
        while (literal.find()) {
            options.add(literal.group(1));
        }
        assertThat(source).contains("ENVIRONMENT = Map.of(\"MALLOC_ARENA_MAX\", \"2\")");
        return options;
    }

    @ParameterizedTest
    @CsvSource({"catalog-service", "session-service", "progress-service", "web-app"})
    void theImageRunsTheJvmOptionsTheBenchmarksMeasured(String module) throws Exception {
        Properties properties = ModuleConfig.of(module);
        List<String> measured = measuredJvmOptions();
        List<String> expected = new ArrayList<>();
        expected.add("java");
        expected.addAll(measured);
        // the one addition: an OutOfMemoryError ends the JVM, and the kubelet restarts the container
        expected.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-jar", "quarkus-run.jar"));

        assertThat(List.of(
                        properties.getProperty("quarkus.jib.jvm-entrypoint", "").split(",")))
                .as(module + " quarkus.jib.jvm-entrypoint")
                .containsExactlyElementsOf(expected);
        assertThat(properties.getProperty("quarkus.jib.environment-variables.MALLOC_ARENA_MAX"))
                .isEqualTo("2");
        // no other way for options to reach the JVM of the image (run-java.sh's defaults are bypassed)
        assertThat(properties.stringPropertyNames())
                .doesNotContain("quarkus.jib.jvm-additional-arguments", "quarkus.jib.jvm-arguments");

        // and BENCHMARKS.md reports its figures with exactly these options
        String benchmarks = Files.readString(Overlays.PROJECT_ROOT.resolve(PodRules.BENCHMARKS))
                .replaceAll("\\s+", " ");
        assertThat(benchmarks).contains("`" + String.join(" ", measured) + "` and `MALLOC_ARENA_MAX=2`");
    }

    @Test
    void theMeasuredResidentMemoryIsReadFromBenchmarksMd() {
        assertThat(PodRules.measuredResidentMemory(Overlays.PROJECT_ROOT.resolve(PodRules.BENCHMARKS)))
                .containsEntry("catalog-service", 215)
                .containsEntry("session-service", 248)
                .containsEntry("progress-service", 235)
                .containsEntry(PodRules.BARE_APP, 90);
    }

    @Test
    void aMemoryLimitBelowTheMeasuredResidentMemoryPlusMarginIsNamed() {
        assertThat(violationsAfter(m ->
                        ((ObjectNode) container(m, "session-service").at("/resources/limits")).put("memory", "256Mi")))
                .isEqualTo("prod: Deployment session-service: container app: resources.limits.memory 256Mi is below"
                        + " the measured 248 MiB (BENCHMARKS.md B6) x 1.5 = 372Mi: raise it (base/service-pod.yaml or"
                        + " base/web/deployment.yaml)");
    }

    @Test
    void aMemoryRequestBelowTheMeasuredResidentMemoryPlusMarginIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) container(m, "catalog-service").at("/resources/requests"))
                                .put("memory", "200Mi")))
                .isEqualTo("prod: Deployment catalog-service: container app: resources.requests.memory 200Mi is"
                        + " below the measured 215 MiB (BENCHMARKS.md B6) x 1.1 = 237Mi: raise it"
                        + " (base/service-pod.yaml or base/web/deployment.yaml)");
    }

    @Test
    void theWebAppIsHeldToTheBareAppsFigure() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) container(m, "web-app").at("/resources/limits")).put("memory", "128Mi")))
                .isEqualTo("prod: Deployment web-app: container app: resources.limits.memory 128Mi is below the bare"
                        + " Quarkus app's 90 MiB (BENCHMARKS.md B6; the web app is not measured) x 1.5 = 135Mi: raise"
                        + " it (base/service-pod.yaml or base/web/deployment.yaml)");
    }

    @Test
    void jvmOptionsFromThePodAreNamed() {
        assertThat(violationsAfter(m -> container(m, "progress-service")
                        .withArray("env")
                        .addObject()
                        .put("name", "JAVA_TOOL_OPTIONS")
                        .put("value", "-XX:MaxRAMPercentage=75")))
                .isEqualTo("prod: Deployment progress-service: container app sets JAVA_TOOL_OPTIONS: the image runs"
                        + " the JVM options BENCHMARKS.md measured (quarkus.jib.jvm-entrypoint); change them there,"
                        + " not in the pod");
    }

    @Test
    void quantitiesAreReadInMebibytes() {
        assertThat(PodRules.mebibytes("384Mi")).isEqualTo(384);
        assertThat(PodRules.mebibytes("1Gi")).isEqualTo(1024);
        assertThat(PodRules.mebibytes("400M")).isEqualTo(381);
        assertThat(PodRules.mebibytes("268435456")).isEqualTo(256);
    }

    // --- item 6: the Kafka CA mounted so that Strimzi's renewal reaches the pod ------------------------------------

    @Test
    void theKafkaCaIsMountedWithoutSubPath() {
        assertThat(violationsAfter(m -> {
                    ObjectNode mount = (ObjectNode) container(m, "session-service")
                            .withArray("volumeMounts")
                            .get(1);
                    assertThat(mount.path("name").asText()).isEqualTo("kafka-cluster-ca");
                    mount.put("mountPath", "/etc/kafka-ca/ca.crt").put("subPath", "ca.crt");
                }))
                .isEqualTo("prod: Deployment session-service: container app mounts the secret volume"
                        + " kafka-cluster-ca with subPath: such a mount never receives updates (a renewed CA); mount"
                        + " the directory (use items to pick keys)");
    }

    @Test
    void theServicesReadTheCaFromTheMountedDirectory() {
        Manifests prod = Overlays.rendered("prod");
        assertThat(prod.ofKind("ConfigMap")
                        .filter(c -> Manifests.name(c).startsWith("backcare-common"))
                        .map(c -> c.at("/data/KAFKA_SSL_TRUSTSTORE_LOCATION").asText()))
                .containsExactly("/etc/kafka-ca/ca.crt");
        prod.serviceDeployments()
                .forEach(d -> assertThat(d.at("/spec/template/spec/containers/0/volumeMounts")
                                .findValuesAsText("mountPath"))
                        .as(Manifests.name(d))
                        .contains("/etc/kafka-ca"));
    }

    // --- item 10 (part): images by digest in prod, by tag in dev ------------------------------------------------

    @Test
    void aProdImageByTagIsNamed() {
        assertThat(violationsAfter(m -> container(m, "catalog-service")
                        .put("image", "registry.example.org/backcare/catalog-service:0.1.0")))
                .isEqualTo("prod: Deployment catalog-service: container app runs"
                        + " registry.example.org/backcare/catalog-service:0.1.0: pin it by digest"
                        + " (name@sha256:<64 hex>) with deploy/kubernetes/pin-images");
    }

    @Test
    void prodRunsDigestsAndDevTags() {
        Overlays.rendered("prod")
                .workloadDeployments()
                .forEach(d -> assertThat(
                                d.at("/spec/template/spec/containers/0/image").asText())
                        .matches("registry\\.example\\.org/backcare/[a-z-]+@" + DIGEST_PLACEHOLDER));
        Overlays.rendered("dev")
                .workloadDeployments()
                .forEach(d -> assertThat(
                                d.at("/spec/template/spec/containers/0/image").asText())
                        .matches("localhost:5000/backcare/[a-z-]+:0\\.1\\.0-SNAPSHOT"));
    }

    @Test
    void pinImagesWritesJibsDigestsIntoTheProdOverlay(@TempDir Path root) throws Exception {
        Path overlay = Files.createDirectories(root.resolve("overlay"));
        Files.copy(Overlays.MODULE.resolve("overlays/prod/kustomization.yaml"), overlay.resolve("kustomization.yaml"));
        Map<String, String> digests = Map.of(
                "catalog-service", "sha256:" + "a".repeat(64),
                "session-service", "sha256:" + "b".repeat(64),
                "progress-service", "sha256:" + "c".repeat(64),
                "web-app", "sha256:" + "d".repeat(64));
        digests.forEach((module, digest) -> write(root.resolve(module).resolve("target/jib-image.digest"), digest));

        assertThat(pinImages(root, overlay, "ghcr.io/acme")).isZero();

        String pinned = Files.readString(overlay.resolve("kustomization.yaml"));
        digests.forEach((module, digest) -> assertThat(pinned)
                .contains("  - name: backcare/" + module + "\n    newName: ghcr.io/acme/" + module + "\n    digest: "
                        + digest + "\n"));
        assertThat(pinned).doesNotContain("newTag:", DIGEST_PLACEHOLDER);

        // a missing or malformed digest changes nothing
        write(root.resolve("web-app/target/jib-image.digest"), "sha256:1234");
        assertThat(pinImages(root, overlay, "ghcr.io/other")).isEqualTo(1);
        assertThat(Files.readString(overlay.resolve("kustomization.yaml"))).isEqualTo(pinned);
    }

    private static int pinImages(Path root, Path overlay, String registry) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", Overlays.MODULE.resolve("pin-images").toString(), registry)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BACKCARE_ROOT", root.toString());
        pb.environment().put("OVERLAY", overlay.toString());
        // the rewrite path: the test must not depend on a kustomize on the PATH
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process process = pb.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
