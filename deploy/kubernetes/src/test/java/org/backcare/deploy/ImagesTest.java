package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image each service's (and the web app's) Jib configuration builds is the one the manifests run: same name,
 * same non-root user, same port. (The base image cannot be pulled on the machines this runs on, so the image itself
 * is not built here: deploy/README.md says how to build and push it.)
 */
class ImagesTest {

    @ParameterizedTest
    @CsvSource({"catalog-service", "session-service", "progress-service", "web-app"})
    void theJibConfigurationBuildsTheImageTheManifestsRun(String service) throws Exception {
        jibBuildsWhatTheManifestsRun(service);
    }

    private static void jibBuildsWhatTheManifestsRun(String service) throws Exception {
        Properties jib = ModuleConfig.of(service);
        JsonNode deployment = Manifests.parse("base", Overlays.kustomize().build(Overlays.MODULE.resolve("base")))
                .find("Deployment", service)
                .orElseThrow();
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(container.path("image").asText())
                .startsWith(jib.getProperty("quarkus.container-image.group") + "/"
                        + jib.getProperty("quarkus.container-image.name") + ":");
        assertThat(jib.getProperty("quarkus.jib.user"))
                .isEqualTo(pod.at("/securityContext/runAsUser").asText())
                .isNotEqualTo("0");
        assertThat(jib.getProperty("quarkus.jib.ports"))
                .isEqualTo(container.at("/ports/0/containerPort").asText())
                .isEqualTo(jib.getProperty("quarkus.http.port"));
        assertThat(jib.getProperty("quarkus.jib.base-jvm-image"))
                .matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-21-runtime:[0-9.]+");
        assertThat(container.path("env").findValuesAsText("name")).doesNotContain("JAVA_OPTS_APPEND");
    }
}
