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

        // the services' issuer, and the web app's sign-in form, which posts to Keycloak's public address
        assertThat(violations.lines())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("prod: ConfigMap backcare-common-")
                        .endsWith(": QUARKUS_OIDC_TOKEN_ISSUER is"
                                + " https://auth.backcare.example.org/realms/workout-tracker but Keycloak issues"
                                + " tokens as https://login.backcare.example.org/realms/workout-tracker: every token"
                                + " would be refused"))
                .contains("prod: Deployment web-app: BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN is"
                        + " https://auth.backcare.example.org but Keycloak's public address is"
                        + " https://login.backcare.example.org: the browser would refuse to post the sign-in form"
                        + " there");
    }

    private static ObjectNode env(Manifests manifests, String deployment, String variable) {
        for (var env : container(manifests, deployment).get("env")) {
            if (env.path("name").asText().equals(variable)) {
                return (ObjectNode) env;
            }
        }
        throw new AssertionError(deployment + " has no " + variable);
    }

    @Test
    void aWebAppWithoutItsReadinessProbeOrAsRootIsNamedAsAServiceWouldBe() {
        assertThat(violationsAfter(m -> {
                    container(m, "web-app").remove("readinessProbe");
                    ((ObjectNode) m.find("Deployment", "web-app")
                                    .orElseThrow()
                                    .at("/spec/template/spec/securityContext"))
                            .put("runAsUser", 0);
                }))
                .contains("prod: Deployment web-app: container app needs a readinessProbe on /q/health/ready (has"
                        + " none)")
                .contains("prod: Deployment web-app: the pod must not run as user 0 (root)");
    }

    @Test
    void aServiceWhoseNetworkPolicyDoesNotAdmitTheWebAppIsNamed() {
        String violations = violationsAfter(m -> {
            ArrayNode ingress = (ArrayNode)
                    m.find("NetworkPolicy", "session-service").orElseThrow().at("/spec/ingress");
            for (int i = ingress.size() - 1; i >= 0; i--) {
                if (ingress.get(i).toString().contains("web-app")) {
                    ingress.remove(i);
                }
            }
        });

        assertThat(violations)
                .isEqualTo("prod: Deployment web-app: the NetworkPolicies of session-service do not let it in on port"
                        + " 8082: the browser's /api/session/... could not be forwarded");
    }

    @Test
    void aWebAppThatMayNotLeaveForTheServicesOrKeycloakIsNamed() {
        String violations = violationsAfter(m -> {
            ArrayNode egress =
                    (ArrayNode) m.find("NetworkPolicy", "web-app").orElseThrow().at("/spec/egress");
            for (int i = egress.size() - 1; i >= 0; i--) {
                String rule = egress.get(i).toString();
                if (rule.contains("progress-service") || rule.contains("keycloak")) {
                    egress.remove(i);
                }
            }
        });

        assertThat(violations.lines())
                .containsExactlyInAnyOrder(
                        "prod: Deployment web-app: its NetworkPolicies do not let it out to progress-service on port"
                                + " 8083: the browser's /api/progress/... could not be forwarded",
                        "prod: Deployment web-app: its NetworkPolicies do not let it out to Keycloak on port 8080:"
                                + " nobody could sign in");
    }

    @Test
    void keycloakClosedToTheWebAppIsNamed() {
        String violations = violationsAfter(m -> ((ArrayNode) m.find("NetworkPolicy", "backcare-keycloak")
                        .orElseThrow()
                        .at("/spec/ingress/0/from"))
                .remove(1));

        assertThat(violations)
                .isEqualTo("prod: Deployment web-app: the NetworkPolicies of Keycloak do not let it in on port 8080:"
                        + " nobody could sign in");
    }

    @Test
    void aWebAppForwardingToAServiceThatIsNotThereIsNamed() {
        assertThat(violationsAfter(m ->
                        env(m, "web-app", "BACKCARE_WEB_SERVICES_CATALOG").put("value", "http://catalog-service:8080")))
                .isEqualTo("prod: Deployment web-app: BACKCARE_WEB_SERVICES_CATALOG is http://catalog-service:8080 but"
                        + " no Service of that name and port leads to a service's pods: the browser's"
                        + " /api/catalog/... could not be forwarded");
    }

    @Test
    void aSignInFormPostingElsewhereThanKeycloakIsNamed() {
        assertThat(violationsAfter(m -> env(m, "web-app", "BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN")
                        .put("value", "http://localhost:8180")))
                .isEqualTo("prod: Deployment web-app: BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN is http://localhost:8180"
                        + " but Keycloak's public address is https://auth.backcare.example.org: the browser would"
                        + " refuse to post the sign-in form there");
    }

    @Test
    void aWebAppWithoutSecureCookiesOrWithoutForwardedHeadersIsNamed() {
        assertThat(violationsAfter(m -> {
                    env(m, "web-app", "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE")
                            .put("value", "false");
                    env(m, "web-app", "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")
                            .put("value", "false");
                }))
                .contains("prod: Deployment web-app: needs QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE=true in"
                        + " prod: its cookies hold the person's tokens")
                .contains("prod: Deployment web-app: needs QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true behind"
                        + " the Gateway: it would send Keycloak an http:// address to come back to, which the realm"
                        + " refuses");
    }

    @Test
    void aRealmThatDoesNotSendPeopleBackToTheWebAppIsNamed() {
        String violations = violationsAfter(m -> {
            ObjectNode client = (ObjectNode) m.find("KeycloakRealmImport", "workout-tracker")
                    .orElseThrow()
                    .at("/spec/realm/clients/0");
            client.putArray("redirectUris").add("https://api.backcare.example.org/*");
            ((ObjectNode) client.get("attributes"))
                    .put("post.logout.redirect.uris", "https://api.backcare.example.org/*");
        });

        assertThat(violations.lines())
                .containsExactlyInAnyOrder(
                        "prod: KeycloakRealmImport workout-tracker: client workout-app does not send people back to"
                                + " https://app.backcare.example.org/login: nobody could sign in to the web app (add"
                                + " https://app.backcare.example.org/* to redirectUris)",
                        "prod: KeycloakRealmImport workout-tracker: client workout-app does not accept"
                                + " https://app.backcare.example.org/ after signing out (add"
                                + " https://app.backcare.example.org/* to post.logout.redirect.uris)");
    }

    @Test
    void aWebAppServedWithoutTlsIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("HTTPRoute", "backcare-web")
                                .orElseThrow()
                                .at("/spec/parentRefs/0"))
                        .put("sectionName", "http")))
                .contains("prod: HTTPRoute backcare-web: serves the web app at app.backcare.example.org through"
                        + " listener http without TLS for that host: its cookies are secure-only (attach it to an"
                        + " HTTPS listener with a certificateRef and a hostname)");
    }

    @Test
    void aWebAppWithoutARouteIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("HTTPRoute", "backcare-web")
                                .orElseThrow()
                                .at("/spec/rules/0/backendRefs/0"))
                        .put("name", "web")))
                .contains("prod: Deployment web-app: needs an HTTPRoute in prod that routes a host of the Gateway to"
                        + " its Service [web-app]");
    }
}
