package org.backcare.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long and how many verified bearer tokens a service remembers. */
@ConfigMapping(prefix = "backcare.verified-tokens")
public interface VerifiedTokensConfig {

    /** Off: every request's token is verified by quarkus-oidc. */
    @WithDefault("true")
    boolean enabled();

    /** At most this many tokens; when full, the expired ones go, and all of them if none has expired. */
    @WithDefault("2000")
    int maxEntries();

    /**
     * A token is remembered until it expires, but never longer than this: a key removed from the realm's JWKS stops
     * being trusted for remembered tokens after it at the latest.
     */
    @WithDefault("PT5M")
    Duration maxAge();
}
