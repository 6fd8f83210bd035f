package org.backcare.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The web app's own settings, under {@code backcare.web}. */
@ConfigMapping(prefix = "backcare.web")
public interface WebAppConfig {

    /** Where the browser's /api/... calls go. */
    Services services();

    /** How long a forwarded call may take before the browser gets a 504. */
    @WithDefault("15s")
    Duration forwardTimeout();

    /**
     * The Keycloak origin the login page comes from (the Content-Security-Policy's form-action lets the sign-in
     * form post there).
     */
    @WithDefault("http://localhost:8180")
    String identityProviderOrigin();

    /** The three services, by base URL. */
    interface Services {
        /** catalog-service: exercises, routines, guidelines. */
        URI catalog();

        /** session-service: sessions and sets. */
        URI session();

        /** progress-service: progress, reports, coach sharing. */
        URI progress();
    }
}
