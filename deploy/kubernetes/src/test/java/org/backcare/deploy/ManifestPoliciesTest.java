package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each policy fails on the rendered prod overlay with one thing broken, and says what and where. */
class ManifestPoliciesTest {

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    private static ObjectNode container(Manifests manifests, String deployment) {
        return (ObjectNode)
                manifests.find("Deployment", deployment).orElseThrow().at("/spec/template/spec/containers/0");
    }

    @Test
    void aServiceWithoutItsReadinessProbeIsNamed() {
        assertThat(violationsAfter(m -> container(m, "session-service").remove("readinessProbe")))
                .isEqualTo("prod: Deployment session-service: container app needs a readinessProbe on"
                        + " /q/health/ready (has none)");
    }

    @Test
    void aServiceWithoutAMemoryLimitIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) container(m, "catalog-service").at("/resources/limits")).remove("memory")))
                .isEqualTo("prod: Deployment catalog-service: container app needs resources.limits.memory");
    }

    @Test
    void aPodThatMayRunAsRootIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("Deployment", "progress-service")
                                .orElseThrow()
                                .at("/spec/template/spec/securityContext"))
                        .put("runAsNonRoot", false)
                        .put("runAsUser", 0)))
                .contains("prod: Deployment progress-service: the pod must set securityContext.runAsNonRoot: true")
                .contains("prod: Deployment progress-service: the pod must not run as user 0 (root)");
    }

    @Test
    void aWritableRootFileSystemOrAnAddedCapabilityIsNamed() {
        assertThat(violationsAfter(m -> {
                    ObjectNode security =
                            (ObjectNode) container(m, "catalog-service").get("securityContext");
                    security.put("readOnlyRootFilesystem", false);
                    ((ObjectNode) security.get("capabilities")).putArray("add").add("NET_ADMIN");
                }))
                .contains("container app must set readOnlyRootFilesystem: true")
                .contains("container app must drop ALL capabilities and add none");
    }

    @Test
    void anUnpinnedImageIsNamed() {
        assertThat(violationsAfter(m -> container(m, "catalog-service").put("image", "backcare/catalog-service")))
                .isEqualTo(
                        "prod: Deployment catalog-service: image backcare/catalog-service has no tag: pin a version");
    }

    @Test
    void demoUsersAndThePasswordGrantInProdAreNamed() {
        String violations = violationsAfter(m -> {
            ObjectNode realm = (ObjectNode) m.find("KeycloakRealmImport", "workout-tracker")
                    .orElseThrow()
                    .at("/spec/realm");
            realm.putArray("users").addObject().put("username", "alice");
            ((ObjectNode) realm.at("/clients/0")).put("directAccessGrantsEnabled", true);
            ((ArrayNode) realm.at("/clients/0/redirectUris")).add("http://localhost:8083/*");
        });

        assertThat(violations)
                .contains("prod: KeycloakRealmImport workout-tracker: imports users [alice]: no demo users in prod")
                .contains("client workout-app allows the password grant in prod")
                .contains("client workout-app accepts http://localhost:8083/* in prod");
    }

    @Test
    void moreProgressReplicasThanPartitionsAreNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("HorizontalPodAutoscaler", "progress-service")
                                .orElseThrow()
                                .get("spec"))
                        .put("maxReplicas", 8)))
                .isEqualTo("prod: HorizontalPodAutoscaler progress-service: maxReplicas 8 exceeds the 6 partitions of"
                        + " workout.session-events: the extra consumers would idle");
    }

    @Test
    void aSecretReadButNeverProducedIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) container(m, "session-service").at("/env/1/valueFrom/secretKeyRef"))
                                .put("name", "session-database")))
                .isEqualTo("prod: Deployment session-service: reads Secret session-database, which nothing in the"
                        + " overlay produces");
    }

    @Test
    void aSecretWithDataInTheManifestsIsNamed() {
        ObjectNode secret = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        secret.put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "leaked");
        secret.putObject("stringData").put("password", "hunter2");

        assertThat(ManifestPolicies.check(Overlays.rendered("prod").with(secret)))
                .containsExactly("prod: Secret leaked: holds secret data in the manifests; create it in the cluster"
                        + " (deploy/README.md)");
    }

    @Test
    void withoutTheDefaultDenyPolicyEveryServiceIsNamed() {
        String violations = violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "services-default-deny")
                        .orElseThrow()
                        .get("spec"))
                .putArray("ingress")
                .addObject());

        assertThat(violations.lines())
                .containsExactlyInAnyOrder(
                        "prod: Deployment catalog-service: needs a default-deny NetworkPolicy (Ingress and Egress, no"
                                + " rules) in prod",
                        "prod: Deployment session-service: needs a default-deny NetworkPolicy (Ingress and Egress, no"
                                + " rules) in prod",
                        "prod: Deployment progress-service: needs a default-deny NetworkPolicy (Ingress and Egress,"
                                + " no rules) in prod");
    }

    @Test
    void anIssuerThatKeycloakDoesNotIssueIsNamed() {
        String violations = violationsAfter(m -> ((ObjectNode)
                        m.find("Keycloak", "backcare-keycloak").orElseThrow().at("/spec/hostname"))
                .put("hostname", "https://login.backcare.example.org"));

        assertThat(violations)
                .startsWith("prod: ConfigMap backcare-common-")
                .endsWith(": QUARKUS_OIDC_TOKEN_ISSUER is https://auth.backcare.example.org/realms/workout-tracker but"
                        + " Keycloak issues tokens as https://login.backcare.example.org/realms/workout-tracker: every"
                        + " token would be refused");
    }

    @Test
    void aSingleInstanceDatabaseWithoutBackupsIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                m.find("Cluster", "progress-db").orElseThrow().get("spec"))
                        .put("instances", 1)
                        .remove("backup")))
                .contains("prod: Cluster progress-db: needs 3 instances (a primary and two replicas) in prod")
                .contains("prod: Cluster progress-db: needs a backup configuration (WAL archiving) in prod");
    }
}
