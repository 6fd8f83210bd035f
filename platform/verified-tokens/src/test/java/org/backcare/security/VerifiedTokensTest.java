package org.backcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private VerifiedTokens tokens(int maxEntries) {
        return new VerifiedTokens(true, maxEntries, Duration.ofMinutes(5), now::get, metrics);
    }

    private static SecurityIdentity identity(String name) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRole("user")
                .build();
    }

    @Test
    void aRememberedTokenIsFoundUntilItExpiresAndNotAfter() {
        VerifiedTokens tokens = tokens(10);
        SecurityIdentity alice = identity("alice");
        tokens.remember("Default", "token-a", alice, now.get() + 60);

        assertThat(tokens.find("Default", "token-a")).containsSame(alice);
        now.addAndGet(59);
        assertThat(tokens.find("Default", "token-a")).containsSame(alice);
        now.addAndGet(1);
        assertThat(tokens.find("Default", "token-a")).isEmpty();
        assertThat(tokens.size()).isZero();
        assertThat(metrics.counter("backcare.verified.tokens", "result", "hit").count())
                .isEqualTo(2);
        assertThat(metrics.counter("backcare.verified.tokens", "result", "miss").count())
                .isEqualTo(1);
    }

    @Test
    void aTokenIsNeverRememberedLongerThanTheMaximumAge() {
        VerifiedTokens tokens = tokens(10);
        tokens.remember("Default", "token-a", identity("alice"), now.get() + 3600);

        now.addAndGet(Duration.ofMinutes(5).toSeconds() - 1);
        assertThat(tokens.find("Default", "token-a")).isPresent();
        now.addAndGet(1);
        assertThat(tokens.find("Default", "token-a")).isEmpty();
    }

    @Test
    void anExpiredTokenIsNotRemembered() {
        VerifiedTokens tokens = tokens(10);
        tokens.remember("Default", "token-a", identity("alice"), now.get());
        tokens.remember("Default", "token-b", identity("bob"), now.get() - 10);

        assertThat(tokens.size()).isZero();
        assertThat(tokens.find("Default", "token-a")).isEmpty();
    }

    @Test
    void onlyTheSameTokenOfTheSameTenantFindsTheIdentity() {
        VerifiedTokens tokens = tokens(10);
        SecurityIdentity alice = identity("alice");
        tokens.remember("Default", "token-a", alice, now.get() + 60);

        assertThat(tokens.find("web", "token-a")).isEmpty();
        assertThat(tokens.find("Default", "token-a ")).isEmpty();
        assertThat(tokens.find("Default", "token-A")).isEmpty();
        assertThat(tokens.find("Default", "token-a")).containsSame(alice);
    }

    @Test
    void whenFullTheExpiredTokensGoFirstAndEverythingWhenNoneHasExpired() {
        VerifiedTokens tokens = tokens(3);
        tokens.remember("Default", "short", identity("a"), now.get() + 5);
        tokens.remember("Default", "long-1", identity("b"), now.get() + 60);
        tokens.remember("Default", "long-2", identity("c"), now.get() + 60);
        now.addAndGet(10);

        tokens.remember("Default", "new-1", identity("d"), now.get() + 60);
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.find("Default", "long-1")).isPresent();
        assertThat(tokens.find("Default", "new-1")).isPresent();

        tokens.remember("Default", "new-2", identity("e"), now.get() + 60);
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.find("Default", "new-2")).isPresent();
        assertThat(tokens.find("Default", "long-1")).isEmpty();
    }

    @Test
    void switchedOffNothingIsRememberedOrFound() {
        VerifiedTokens tokens = new VerifiedTokens(false, 10, Duration.ofMinutes(5), now::get, metrics);
        tokens.remember("Default", "token-a", identity("alice"), now.get() + 60);

        assertThat(tokens.size()).isZero();
        assertThat(tokens.find("Default", "token-a")).isEmpty();
    }
}
