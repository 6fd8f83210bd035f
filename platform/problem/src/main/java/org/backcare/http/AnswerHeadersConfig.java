package org.backcare.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * The headers every answer of a service carries ({@link AnswerHeaders}), under {@code backcare.http.headers}. The
 * defaults are the services' (JSON, and the progress report: HTML with an inline style sheet and inline SVG, no
 * script); the web app sets its own page policy and the one of what it forwards under /api.
 */
@ConfigMapping(prefix = "backcare.http.headers")
public interface AnswerHeadersConfig {

    /** Off: no header is added (nothing else changes). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The Content-Security-Policy of every answer whose path no entry of {@link #contentSecurityPolicyByPath()}
     * starts. The default runs no script at all, allows inline styles (the report's style sheet) and
     * {@code data:} images, and no page may frame the answer.
     */
    @WithDefault("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'")
    String contentSecurityPolicy();

    /**
     * A Content-Security-Policy by path prefix, replacing the one above (the longest prefix wins), e.g.
     * {@code backcare.http.headers.content-security-policy-by-path."/api/"=sandbox; ...}.
     */
    Map<String, String> contentSecurityPolicyByPath();

    /** Nothing of the page's address travels to another site. */
    @WithDefault("no-referrer")
    String referrerPolicy();

    /** The browser features no answer may use. */
    @WithDefault("camera=(), microphone=(), geolocation=()")
    String permissionsPolicy();

    /**
     * Sent only on an answer to a request that came over TLS (directly, or as a trusted proxy says with
     * X-Forwarded-Proto / Forwarded): from then on the browser uses https only.
     */
    @WithDefault("max-age=31536000; includeSubDomains")
    String strictTransportSecurity();

    /**
     * Answers under these path prefixes carry {@code Cache-Control: no-store}, whatever the application set, and so
     * does every answer to a request with an Authorization header: health data is never kept by a browser or a
     * proxy. The services: everything ("/"); the web app: its API and sign-in, not its files.
     */
    @WithDefault("/")
    List<String> noStorePaths();
}
