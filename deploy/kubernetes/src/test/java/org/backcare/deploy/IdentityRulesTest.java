package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each identity rule fails on the rendered prod overlay with one thing broken, and says what and where. */
class IdentityRulesTest {

    private static List<String> violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return ManifestPolicies.check(broken);
    }

    private static ObjectNode keycloak(Manifests m) {
        return (ObjectNode)
                m.find("Keycloak", "backcare-keycloak").orElseThrow().get("spec");
    }

    private static ObjectNode client(Manifests m, String clientId) {
        for (var client :
                m.find("KeycloakRealmImport", "workout-tracker").orElseThrow().at("/spec/realm/clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return (ObjectNode) client;
            }
        }
        throw new AssertionError(clientId);
    }

    private static ObjectNode sessionSecretRef(Manifests m, String deployment) {
        for (var env : m.find("Deployment", deployment).orElseThrow().at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("BACKCARE_WEB_SESSION_SECRET")) {
                return (ObjectNode) env.at("/valueFrom/secretKeyRef");
            }
        }
        throw new AssertionError(deployment);
    }

    private static final String KC = "prod: Keycloak backcare-keycloak: ";

    @Test
    void theProdOverlayKeepsEveryIdentityRule() {
        assertThat(ManifestPolicies.check(Overlays.rendered("prod"))).isEmpty();
    }

    @Test
    void anOperatorIngressWithoutTlsIsNamed() {
        assertThat(violationsAfter(m -> keycloak(m).putObject("ingress").put("enabled", true)))
                .containsExactly(
                        KC + "its operator Ingress has no spec.ingress.tlsSecret: https://auth.backcare.example.org"
                                + " would be served with the ingress controller's default certificate and every"
                                + " sign-in fail",
                        KC + "its operator Ingress sends every path to Keycloak, the admin console (/admin) included:"
                                + " set spec.ingress.enabled: false and route only /realms/ and /resources/ at the"
                                + " edge");
    }

    @Test
    void anOperatorIngressWithTlsStillExposesTheAdminConsole() {
        // without spec.ingress the operator creates its Ingress: both sentences
        assertThat(violationsAfter(m -> keycloak(m).remove("ingress"))).hasSize(2);
        assertThat(violationsAfter(m -> keycloak(m).putObject("ingress").put("tlsSecret", "backcare-keycloak-tls")))
                .containsExactly(KC + "its operator Ingress sends every path to Keycloak, the admin console (/admin)"
                        + " included: set spec.ingress.enabled: false and route only /realms/ and /resources/ at the"
                        + " edge");
    }

    @Test
    void anAdminConsoleAtThePublicAddressIsNamed() {
        assertThat(violationsAfter(m ->
                        ((ObjectNode) keycloak(m).get("hostname")).put("admin", "https://auth.backcare.example.org")))
                .containsExactly(KC + "spec.hostname.admin is https://auth.backcare.example.org: the admin console"
                        + " would be served at the public address https://auth.backcare.example.org; set it to an"
                        + " internal address");
    }

    @Test
    void theOperatorsOpenNetworkPolicyIsNamed() {
        assertThat(violationsAfter(m -> keycloak(m).remove("networkPolicy")))
                .containsExactly(KC + "the operator's NetworkPolicy opens [http, https, management] to every pod and"
                        + " namespace (no peers in spec.networkPolicy): give their peers or set"
                        + " spec.networkPolicy.enabled: false");
    }

    @Test
    void keycloakInstancesThatCannotTalkOrAManagementPortOpenToTheServicesAreNamed() {
        List<String> violations = violationsAfter(m -> {
            ObjectNode jgroups =
                    m.find("NetworkPolicy", "backcare-keycloak-jgroups").orElseThrow();
            ((ArrayNode) jgroups.at("/spec/ingress/0/ports")).remove(1);
            // the management port opened to every pod of the namespace
            ((ArrayNode) m.find("NetworkPolicy", "backcare-keycloak")
                            .orElseThrow()
                            .at("/spec/ingress"))
                    .addObject()
                    .putArray("ports")
                    .addObject()
                    .put("port", 9000);
        });
        assertThat(violations)
                .contains(KC + "the NetworkPolicies do not let its instances reach each other on 57800 (JGroups):"
                        + " the caches of the two instances would split")
                .contains(KC + "the NetworkPolicies let catalog-service reach its management port 9000: only the"
                        + " monitoring namespace may")
                .contains(KC + "the NetworkPolicies let web-app reach its management port 9000: only the"
                        + " monitoring namespace may");
    }

    @Test
    void forwardedHeadersFromAnyoneAreNamed() {
        assertThat(violationsAfter(m -> {
                    ArrayNode options = (ArrayNode) keycloak(m).get("additionalOptions");
                    for (int i = options.size() - 1; i >= 0; i--) {
                        if (options.get(i).path("name").asText().equals("proxy-trusted-addresses")) {
                            options.remove(i);
                        }
                    }
                }))
                .containsExactly(KC + "reads xforwarded headers but proxy-trusted-addresses is unset: anyone could"
                        + " set the address Keycloak believes; add it to additionalOptions with the edge's addresses");
        assertThat(violationsAfter(m -> m.ofKind("ConfigMap")
                        .filter(c -> c.path("data").has("BACKCARE_TRUSTED_PROXIES"))
                        .forEach(c -> ((ObjectNode) c.get("data")).put("BACKCARE_TRUSTED_PROXIES", "0.0.0.0/0"))))
                .singleElement()
                .asString()
                .contains("BACKCARE_TRUSTED_PROXIES is 0.0.0.0/0: set it to the edge's pod addresses");
    }

    @Test
    void keycloakWithoutABudgetOrSpreadIsNamed() {
        assertThat(violationsAfter(m -> m.find("PodDisruptionBudget", "backcare-keycloak")
                        .orElseThrow()
                        .put("kind", "Removed")))
                .containsExactly(KC + "needs a PodDisruptionBudget selecting its pods (app=keycloak,"
                        + " app.kubernetes.io/instance=backcare-keycloak) that lets one go at a time in prod");
        assertThat(violationsAfter(
                        m -> ((ArrayNode) keycloak(m).at("/scheduling/topologySpreadConstraints")).remove(1)))
                .containsExactly(KC + "needs a spec.scheduling.topologySpreadConstraints entry over"
                        + " topology.kubernetes.io/zone selecting its pods in prod");
    }

    @Test
    void anOptionalSessionSecretIsNamed() {
        assertThat(violationsAfter(m -> sessionSecretRef(m, "progress-service").put("optional", true)))
                .containsExactly("prod: Deployment progress-service: reads BACKCARE_WEB_SESSION_SECRET from Secret"
                        + " backcare-web-session with optional: true: without it each replica makes its own key; make"
                        + " it required");
    }

    @Test
    void cookiesThatAreNotSecureOrNotSplitAreNamed() {
        assertThat(violationsAfter(m -> {
                    for (var env :
                            m.find("Deployment", "web-app").orElseThrow().at("/spec/template/spec/containers/0/env")) {
                        if (env.path("name").asText().equals("QUARKUS_OIDC_TOKEN_STATE_MANAGER_SPLIT_TOKENS")) {
                            ((ObjectNode) env).put("value", "false");
                        }
                    }
                    for (var env : m.find("Deployment", "progress-service")
                            .orElseThrow()
                            .at("/spec/template/spec/containers/0/env")) {
                        if (env.path("name").asText().equals("QUARKUS_OIDC_WEB_AUTHENTICATION_COOKIE_FORCE_SECURE")) {
                            ((ObjectNode) env).put("value", "false");
                        }
                    }
                }))
                .containsExactlyInAnyOrder(
                        "prod: Deployment web-app: needs QUARKUS_OIDC_TOKEN_STATE_MANAGER_SPLIT_TOKENS=true in prod:"
                                + " one cookie with all three tokens outgrows the browsers' 4 KB",
                        "prod: Deployment progress-service: needs"
                                + " QUARKUS_OIDC_WEB_AUTHENTICATION_COOKIE_FORCE_SECURE=true in prod: its cookies hold"
                                + " the person's tokens");
    }

    @Test
    void theLoopbackRedirectIsAllowedOnlyToAPublicPkceClient() {
        assertThat(violationsAfter(m -> client(m, "workout-cli").put("publicClient", false)))
                .containsExactly("prod: KeycloakRealmImport workout-tracker: client workout-cli accepts"
                        + " http://127.0.0.1/* in prod: a loopback redirect only for a public client without a secret,"
                        + " with the code flow and pkce.code.challenge.method S256");
        assertThat(violationsAfter(m ->
                        ((ObjectNode) client(m, "workout-cli").get("attributes")).remove("pkce.code.challenge.method")))
                .hasSize(1);
        assertThat(violationsAfter(
                        m -> ((ArrayNode) client(m, "workout-cli").get("redirectUris")).add("http://localhost:8000/*")))
                .containsExactly("prod: KeycloakRealmImport workout-tracker: client workout-cli accepts"
                        + " http://localhost:8000/* in prod");
        assertThat(violationsAfter(
                        m -> ((ArrayNode) client(m, "workout-app").get("redirectUris")).add("http://127.0.0.1:*")))
                .containsExactly(
                        "prod: KeycloakRealmImport workout-tracker: client workout-app accepts http://127.0.0.1:* in prod");
    }

    @Test
    void aRealmThatNoJobAppliesIsNamed() {
        assertThat(violationsAfter(m -> m.ofKind("Job").forEach(j -> j.put("kind", "Removed"))))
                .containsExactly("prod: KeycloakRealmImport workout-tracker: no Job applies realm workout-tracker to"
                        + " the running Keycloak (the import only creates a missing realm, so an edited realm would"
                        + " never apply): regenerate deploy/kubernetes/overlays/prod/realm-sync.yaml and list it in"
                        + " the prod kustomization");
    }
}
