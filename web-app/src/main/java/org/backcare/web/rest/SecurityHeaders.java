package org.backcare.web.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The web app's own rules on top of the headers every answer carries (platform/problem's AnswerHeaders, configured
 * in application.properties: the app's strict Content-Security-Policy, the sandbox of what /api forwards,
 * no-store on /api, /login and /logout, nosniff, no-referrer, HSTS behind the TLS ingress):
 *
 * <ul>
 *   <li>the service worker and the page that registers it are revalidated on every load ({@code no-cache}), so a
 *       new version of the app reaches people on their next visit;
 *   <li>a call of the app's own script (it sends {@code X-Requested-With}) that needs a new sign-in answers 401
 *       rather than quarkus-oidc's 499 (the status it uses instead of a redirect that script could not follow).
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::headers);
    }

    void headers(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/")) {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 499) {
                    context.response().setStatusCode(401);
                }
            });
        } else if (path.equals("/sw.js") || path.equals("/") || path.equals("/index.html")) {
            context.response().headers().set("Cache-Control", "no-cache");
        }
        context.next();
    }
}
