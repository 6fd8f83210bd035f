package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The schemas catch what the API server and the operators would refuse, naming the field. */
class SchemaValidationTest {

    private static Map<String, List<String>> errorsOf(String yaml) throws Exception {
        Path file = Overlays.RENDERED.resolve("broken.yaml");
        Files.createDirectories(Overlays.RENDERED);
        Files.writeString(file, yaml);
        return Overlays.schemas().validate(List.of(file)).stream()
                .collect(Collectors.toMap(o -> o.kind() + " " + o.name(), SchemaValidation.Outcome::errors));
    }

    @Test
    void kubernetesObjectsAreCheckedAgainstTheApiSchemas() throws Exception {
        Map<String, List<String>> errors = errorsOf("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: two-replicas}
                spec:
                  replicas: two
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec: {containers: [{name: app, image: x:1}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: misspelt-probe}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - {name: app, image: x:1, readinessprobe: {httpGet: {path: /q/health/ready, port: 8080}}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: no-target}
                spec: {maxReplicas: 3}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: fine}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """);

        assertThat(errors.get("Deployment two-replicas")).containsExactly("/spec/replicas: must be integer");
        assertThat(errors.get("Deployment misspelt-probe"))
                .containsExactly(
                        "/spec/template/spec/containers/0: must NOT have additional properties \"readinessprobe\"");
        assertThat(errors.get("HorizontalPodAutoscaler no-target"))
                .containsExactly("/spec: must have required property scaleTargetRef");
        assertThat(errors.get("NetworkPolicy fine")).isEmpty();
    }

    @Test
    void operatorResourcesAreCheckedAgainstTheirCrdsAndUnknownFieldsFail() throws Exception {
        Map<String, List<String>> errors = errorsOf("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: c}}
                spec: {partitions: six, replica: 3}
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec: {instances: three, storage: {size: 1Gi}}
                ---
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata: {name: kc}
                spec: {instances: 1, hostnam: {hostname: x}, proxy: {headers: forwarded-for}}
                ---
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata: {name: r}
                spec: {realm: {realm: r}}
                ---
                apiVersion: example.org/v1
                kind: Unheard
                metadata: {name: u}
                """);

        assertThat(errors.get("KafkaTopic t"))
                .containsExactlyInAnyOrder(
                        "/spec: must NOT have additional properties \"replica\"", "/spec/partitions: must be integer");
        assertThat(errors.get("Cluster db")).containsExactly("/spec/instances: must be integer");
        assertThat(errors.get("Keycloak kc"))
                .containsExactlyInAnyOrder(
                        "/spec: must NOT have additional properties \"hostnam\"",
                        "/spec/proxy/headers: must be equal to one of the allowed values [\"forwarded\",\"xforwarded\"]");
        assertThat(errors.get("KeycloakRealmImport r"))
                .containsExactly("/spec: must have required property 'keycloakCRName'");
        assertThat(errors.get("Unheard u")).containsExactly("no schema for example.org/v1 Unheard");
    }
}
