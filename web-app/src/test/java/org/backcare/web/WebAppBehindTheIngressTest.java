package org.backcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Behind the TLS ingress (a trusted proxy: the tests' own address here) the browser's sign-in works: Keycloak is
 * asked to send the person back to https://app.backcare.example.org/login, the only address the realm accepts
 * there, and the state cookie travels over TLS only.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class WebAppBehindTheIngressTest {

    @Test
    void theRedirectToTheIdentityProviderCarriesAnHttpsRedirectUriOnThePublicHost() {
        Response answer = ForwardedRequests.signInThroughTheIngress();

        assertThat(answer.statusCode()).isEqualTo(302);
        URI redirect = ForwardedRequests.redirectUri(answer);
        assertThat(redirect.getScheme()).isEqualTo("https");
        assertThat(redirect.getHost()).isEqualTo(ForwardedRequests.PUBLIC_HOST);
        assertThat(redirect.getPort()).isEqualTo(-1);
        assertThat(redirect.getPath()).isEqualTo("/login");
    }

    @Test
    void theStateCookieIsSecureHttpOnlyAndSameSite() {
        Response answer = ForwardedRequests.signInThroughTheIngress();

        assertThat(ForwardedRequests.cookies(answer))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie)
                        .containsIgnoringCase("; Secure")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void theAnswerTellsTheBrowserToUseTlsOnlyAndToStoreNothing() {
        Response answer = ForwardedRequests.signInThroughTheIngress();

        assertThat(answer.header("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
