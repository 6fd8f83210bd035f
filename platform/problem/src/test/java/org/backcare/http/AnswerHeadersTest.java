package org.backcare.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerHeadersTest {

    private static final String DEFAULT = "default-src 'none'; frame-ancestors 'none'";

    private static AnswerHeadersConfig config(Map<String, String> byPath, List<String> noStorePaths) {
        return new AnswerHeadersConfig() {
            public boolean enabled() {
                return true;
            }

            public String contentSecurityPolicy() {
                return DEFAULT;
            }

            public Map<String, String> contentSecurityPolicyByPath() {
                return byPath;
            }

            public String referrerPolicy() {
                return "no-referrer";
            }

            public String permissionsPolicy() {
                return "camera=()";
            }

            public String strictTransportSecurity() {
                return "max-age=31536000; includeSubDomains";
            }

            public List<String> noStorePaths() {
                return noStorePaths;
            }
        };
    }

    private static MultiMap answer(AnswerHeaders headers, String path, boolean tls, boolean credentials) {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap();
        answer.set("Cache-Control", "no-cache");
        headers.apply(answer, path, tls, credentials);
        return answer;
    }

    @Test
    void everyAnswerCarriesThePolicyNosniffAndNoReferrer() {
        MultiMap answer = answer(new AnswerHeaders(config(Map.of(), List.of("/"))), "/progress/me", false, true);

        assertThat(answer.get("Content-Security-Policy")).isEqualTo(DEFAULT);
        assertThat(answer.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.get("Permissions-Policy")).isEqualTo("camera=()");
    }

    @Test
    void strictTransportSecurityOnlyOverTls() {
        AnswerHeaders headers = new AnswerHeaders(config(Map.of(), List.of("/")));

        assertThat(answer(headers, "/", true, false).get("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(answer(headers, "/", false, false).contains("Strict-Transport-Security"))
                .isFalse();
    }

    @Test
    void theLongestPathPrefixChoosesThePolicy() {
        AnswerHeaders headers = new AnswerHeaders(
                config(Map.of("/api/", "sandbox", "/api/progress/", "sandbox; img-src data:"), List.of()));

        assertThat(headers.contentSecurityPolicy("/api/session/sessions")).isEqualTo("sandbox");
        assertThat(headers.contentSecurityPolicy("/api/progress/progress/me/report"))
                .isEqualTo("sandbox; img-src data:");
        assertThat(headers.contentSecurityPolicy("/index.html")).isEqualTo(DEFAULT);
        assertThat(headers.contentSecurityPolicy(null)).isEqualTo(DEFAULT);
    }

    @Test
    void personalDataIsNeverStoredTheAppsFilesKeepTheirOwnCaching() {
        AnswerHeaders webApp = new AnswerHeaders(config(Map.of(), List.of("/api/", "/login")));

        assertThat(answer(webApp, "/api/me", false, false).get("Cache-Control")).isEqualTo("no-store");
        assertThat(answer(webApp, "/login", false, false).get("Cache-Control")).isEqualTo("no-store");
        assertThat(answer(webApp, "/sw.js", false, false).get("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer(webApp, "/sw.js", false, true).get("Cache-Control"))
                .as("a request with an Authorization header")
                .isEqualTo("no-store");
    }

    @Test
    void theServicesStoreNothing() {
        AnswerHeaders service = new AnswerHeaders(config(Map.of(), List.of("/")));

        assertThat(answer(service, "/exercises", false, false).get("Cache-Control"))
                .isEqualTo("no-store");
    }
}
