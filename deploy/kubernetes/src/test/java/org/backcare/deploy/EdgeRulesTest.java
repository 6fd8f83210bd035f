package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each edge rule fails on the rendered prod overlay with one thing broken, and says what and where. */
class EdgeRulesTest {

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    private static ObjectNode route(Manifests m, String name) {
        return m.find("HTTPRoute", name).orElseThrow();
    }

    @Test
    void theKeycloakRouteExposingTheAdminConsoleIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ArrayNode) route(m, "backcare-keycloak").at("/spec/rules/0/matches"))
                                .addObject()
                                .putObject("path")
                                .put("type", "PathPrefix")
                                .put("value", "/admin")))
                .isEqualTo("prod: HTTPRoute backcare-keycloak: exposes PathPrefix /admin of Keycloak: only"
                        + " [/realms, /resources] may be public (never /admin, the console and the admin API)");
    }

    @Test
    void theKeycloakRouteSendingEveryPathIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) route(m, "backcare-keycloak").at("/spec/rules/0")).remove("matches")))
                .isEqualTo("prod: HTTPRoute backcare-keycloak: sends every path of Keycloak's host to Keycloak,"
                        + " /admin included: match only [/realms, /resources]");
    }

    @Test
    void aPlainHttpListenerServingTheApiIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) route(m, "backcare-api").at("/spec/parentRefs/0")).remove("sectionName")))
                .isEqualTo("prod: HTTPRoute backcare-api: is attached to a plain HTTP listener and serves /exercises,"
                        + " /routines, /guidelines in the clear: on HTTP, only redirect to https (RequestRedirect"
                        + " scheme https)\n"
                        + "prod: HTTPRoute backcare-api: is attached to a plain HTTP listener and serves /sessions in"
                        + " the clear: on HTTP, only redirect to https (RequestRedirect scheme https)\n"
                        + "prod: HTTPRoute backcare-api: is attached to a plain HTTP listener and serves /progress in"
                        + " the clear: on HTTP, only redirect to https (RequestRedirect scheme https)");
    }

    @Test
    void anHttpsListenerWithoutACertificateIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                m.find("Gateway", "backcare").orElseThrow().at("/spec/listeners/1/tls"))
                        .remove("certificateRefs")))
                .isEqualTo("prod: Gateway backcare: listener https-api must terminate TLS with a certificate"
                        + " (tls.mode Terminate, certificateRefs to the TLS Secret of api.backcare.example.org)");
    }

    @Test
    void aRouteToAServiceThatIsNotThereIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) route(m, "backcare-api").at("/spec/rules/1/backendRefs/0"))
                        .put("name", "sessions")))
                .isEqualTo("prod: HTTPRoute backcare-api: sends /sessions to Service sessions, which is not in the"
                        + " overlay");
    }

    @Test
    void aRouteWithoutTheForwardedProtoIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) route(m, "backcare-api").at("/spec/rules/2")).remove("filters")))
                .isEqualTo("prod: HTTPRoute backcare-api: does not set X-Forwarded-Proto: https for /progress"
                        + " (RequestHeaderModifier set): the pods would build http:// addresses");
    }

    @Test
    void aServiceClosedToTheGatewayIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "progress-service")
                                .orElseThrow()
                                .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels"))
                        .put("kubernetes.io/metadata.name", "ingress-nginx")))
                .isEqualTo("prod: Deployment progress-service: its NetworkPolicies do not let the Gateway (namespace"
                        + " gateway-system) in on port 8083: /progress of HTTPRoute backcare-api would time out");
    }

    @Test
    void keycloakClosedToTheGatewayIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "backcare-keycloak")
                                .orElseThrow()
                                .at("/spec/ingress/1/from/0/namespaceSelector/matchLabels"))
                        .put("kubernetes.io/metadata.name", "ingress-nginx")))
                .isEqualTo("prod: Keycloak backcare-keycloak: the NetworkPolicies of Keycloak do not let the Gateway"
                        + " (namespace gateway-system) in on port 8080: nobody could sign in");
    }

    @Test
    void anIngressInProdIsNamed() {
        assertThat(violationsAfter(m -> m.find("HTTPRoute", "backcare-https-redirect")
                        .orElseThrow()
                        .put("kind", "Ingress")))
                .contains("prod: Ingress backcare-https-redirect: an Ingress in prod: ingress-nginx was retired in"
                        + " March 2026; route it with an HTTPRoute on the Gateway (routes.yaml)");
    }
}
