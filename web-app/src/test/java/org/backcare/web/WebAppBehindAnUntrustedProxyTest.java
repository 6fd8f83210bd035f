package org.backcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same forwarded headers from an address that is not a trusted proxy are ignored: nobody can make the app
 * send people to another host or claim TLS it did not see.
 */
@QuarkusTest
@TestProfile(WebAppBehindAnUntrustedProxyTest.OnlyAnotherProxyIsTrusted.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WebAppBehindAnUntrustedProxyTest {

    /** The ingress is somewhere else (TEST-NET-1): the tests' own address is not a trusted proxy. */
    public static class OnlyAnotherProxyIsTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "192.0.2.10");
        }
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        Response answer = ForwardedRequests.signInThroughTheIngress();

        assertThat(answer.statusCode()).isEqualTo(302);
        URI redirect = ForwardedRequests.redirectUri(answer);
        assertThat(redirect.getScheme()).isEqualTo("http");
        assertThat(redirect.getHost()).isIn("localhost", "127.0.0.1");
        assertThat(ForwardedRequests.cookies(answer))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("; Secure"));
        assertThat(answer.header("Strict-Transport-Security")).isNull();
    }
}
