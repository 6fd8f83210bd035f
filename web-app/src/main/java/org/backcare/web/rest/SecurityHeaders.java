package org.backcare.web.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.backcare.web.config.WebAppConfig;

/**
 * Headers on every answer. The app's own pages get a strict Content-Security-Policy (scripts, styles and
 * connections from this origin only, no inline script); what the services answer through /api (the progress
 * report is HTML with inline styles and SVG) is sandboxed: no script runs in it at all.
 *
 * <p>A call of the app's own script (it sends {@code X-Requested-With}) that needs a new sign-in answers 401 rather
 * than quarkus-oidc's 499 (the status it uses instead of a redirect that script could not follow).
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String appPolicy;

    public SecurityHeaders(WebAppConfig config) {
        this.appPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; media-src 'self'; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
                + config.identityProviderOrigin();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::headers);
    }

    void headers(RoutingContext context) {
        String path = context.normalizedPath();
        var headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (path.startsWith("/api/")) {
            headers.set(
                    "Content-Security-Policy",
                    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
            headers.set("Cache-Control", "no-store");
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 499) {
                    context.response().setStatusCode(401);
                }
            });
        } else {
            headers.set("Content-Security-Policy", appPolicy);
            if (path.equals("/sw.js") || path.equals("/") || path.equals("/index.html")) {
                headers.set("Cache-Control", "no-cache");
            }
        }
        context.next();
    }
}
