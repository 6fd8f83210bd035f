package org.backcare.progress.config;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which OIDC tenant authenticates a request. The report pages are for people in a browser: without an
 * Authorization header they use the "web" tenant, the authorization code flow (to Keycloak's login page and back,
 * PKCE, an encrypted session cookie). Everything else, and any request that brings a bearer token, uses the
 * default tenant: bearer tokens only, so an API client without a token gets 401, never a redirect.
 */
@ApplicationScoped
public class ReportPageLogin implements TenantResolver {

    public static final String WEB_TENANT = "web";

    /** The HTML reports only: the CSV and FHIR exports stay API resources. */
    static final Pattern REPORT_PAGE = Pattern.compile("/progress/(me|users/[^/]+)/report");

    private final boolean webTenantEnabled;

    ReportPageLogin(
            @ConfigProperty(name = "quarkus.oidc.web.tenant-enabled", defaultValue = "true") boolean webTenantEnabled) {
        this.webTenantEnabled = webTenantEnabled;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (webTenantEnabled
                && context.request().getHeader("Authorization") == null
                && REPORT_PAGE.matcher(context.request().path()).matches()) {
            return WEB_TENANT;
        }
        return null;
    }
}
