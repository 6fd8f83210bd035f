package org.backcare.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one definition of the headers on every answer of every service and of the web app, configured by
 * {@link AnswerHeadersConfig}: Content-Security-Policy (with {@code frame-ancestors 'none'}),
 * {@code X-Content-Type-Options: nosniff}, Referrer-Policy, Permissions-Policy, {@code Cache-Control: no-store} on
 * personal data, and Strict-Transport-Security when the request came over TLS. A Vert.x route that runs before
 * every other, and sets the headers as the answer's head is written, so answers made outside JAX-RS (a 401 of the
 * security layer, a redirect to the identity provider, health, static files) carry them as well.
 */
@ApplicationScoped
public class AnswerHeaders {

    /** Before every other route, RequestBodyLimit's among them. */
    static final int ORDER = Integer.MIN_VALUE + 5;

    public static final String NO_STORE = "no-store";

    private final AnswerHeadersConfig config;
    private final List<Map.Entry<String, String>> policiesByPath;

    public AnswerHeaders(AnswerHeadersConfig config) {
        this.config = config;
        this.policiesByPath = config.contentSecurityPolicyByPath().entrySet().stream()
                .sorted(Comparator.comparing(
                                (Map.Entry<String, String> e) -> e.getKey().length())
                        .reversed())
                .toList();
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    void handle(RoutingContext context) {
        String path = context.normalizedPath();
        boolean tls = context.request().isSSL()
                || "https".equalsIgnoreCase(context.request().scheme());
        boolean credentials = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        context.addHeadersEndHandler(ignored -> apply(context.response().headers(), path, tls, credentials));
        context.next();
    }

    /** Sets the headers of an answer to a request for {@code path}; {@code tls}: it came over https. */
    public void apply(MultiMap headers, String path, boolean tls, boolean credentials) {
        headers.set("Content-Security-Policy", contentSecurityPolicy(path));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", config.referrerPolicy());
        headers.set("Permissions-Policy", config.permissionsPolicy());
        if (tls) {
            headers.set("Strict-Transport-Security", config.strictTransportSecurity());
        }
        if (credentials || noStore(path)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    /** The policy of the longest configured prefix of {@code path}, or the default. */
    public String contentSecurityPolicy(String path) {
        String safe = path == null ? "/" : path;
        return policiesByPath.stream()
                .filter(e -> safe.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(config.contentSecurityPolicy());
    }

    boolean noStore(String path) {
        String safe = path == null ? "/" : path;
        return config.noStorePaths().stream().anyMatch(safe::startsWith);
    }
}
