package org.backcare.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The bearer tokens quarkus-oidc has verified, each with the identity it built, until the token expires and at
 * most {@link VerifiedTokensConfig#maxAge()}; by tenant, so a token verified for one tenant is not taken for another.
 * Only the exact token string finds its entry: a token changed in any byte is a new token and is verified.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Key(String tenant, String token) {}

    private record Entry(SecurityIdentity identity, long untilEpochSecond) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final int maxEntries;
    private final long maxAgeSeconds;
    private final LongSupplier epochSecond;
    private final Counter hits;
    private final Counter misses;

    @Inject
    VerifiedTokens(VerifiedTokensConfig config, MeterRegistry metrics) {
        this(
                config.enabled(),
                config.maxEntries(),
                config.maxAge(),
                () -> Instant.now().getEpochSecond(),
                metrics);
    }

    VerifiedTokens(boolean enabled, int maxEntries, Duration maxAge, LongSupplier epochSecond, MeterRegistry metrics) {
        this.enabled = enabled;
        this.maxEntries = maxEntries;
        this.maxAgeSeconds = maxAge.toSeconds();
        this.epochSecond = epochSecond;
        this.hits = counter(metrics, "hit");
        this.misses = counter(metrics, "miss");
    }

    private static Counter counter(MeterRegistry metrics, String result) {
        return Counter.builder("backcare.verified.tokens")
                .description("Bearer tokens found verified (hit) or verified by quarkus-oidc (miss)")
                .tag("result", result)
                .register(metrics);
    }

    /** The identity built for this token of this tenant, while the token has not expired. */
    public Optional<SecurityIdentity> find(String tenant, String token) {
        if (!enabled) {
            return Optional.empty();
        }
        Key key = new Key(tenant, token);
        Entry entry = entries.get(key);
        if (entry != null && epochSecond.getAsLong() < entry.untilEpochSecond()) {
            hits.increment();
            return Optional.of(entry.identity());
        }
        if (entry != null) {
            entries.remove(key, entry);
        }
        misses.increment();
        return Optional.empty();
    }

    /** Remembers the identity quarkus-oidc built for this token, until {@code expiresAtEpochSecond} (its exp). */
    public void remember(String tenant, String token, SecurityIdentity identity, long expiresAtEpochSecond) {
        if (!enabled) {
            return;
        }
        long now = epochSecond.getAsLong();
        long until = Math.min(expiresAtEpochSecond, now + maxAgeSeconds);
        if (until <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> e.untilEpochSecond() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(new Key(tenant, token), new Entry(identity, until));
    }

    /** How many tokens are remembered now (expired ones included until they are looked up or swept). */
    public int size() {
        return entries.size();
    }
}
