package org.backcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.StringPermission;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.lang.ref.WeakReference;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class VerifiedTokenIdentityProviderTest {

    @Test
    void aRememberedIdentityKeepsWhoTheCallerIsButNotTheRequestItWasBuiltFor() {
        Principal alice = () -> "alice";
        TokenCredential token = new TokenCredential("token-a", "bearer");
        Object request = new Object();
        SecurityIdentity built = QuarkusSecurityIdentity.builder()
                .setPrincipal(alice)
                .addRole("user")
                .addCredential(token)
                .addPermissionAsString("sessions:read")
                .addAttribute(VerifiedTokenIdentityProvider.TENANT_ID, "Default")
                .addAttribute(RoutingContext.class.getName(), request)
                .addAttribute(AuthenticationRequestContext.class.getName(), request)
                .build();

        SecurityIdentity remembered = VerifiedTokenIdentityProvider.detached(built);

        assertThat(remembered.getPrincipal()).isSameAs(alice);
        assertThat(remembered.getRoles()).containsExactly("user");
        assertThat(remembered.getCredentials()).containsExactly(token);
        assertThat(remembered.checkPermissionBlocking(new StringPermission("sessions", "read")))
                .isTrue();
        assertThat(remembered.checkPermissionBlocking(new StringPermission("sessions", "write")))
                .isFalse();
        assertThat((Object) remembered.getAttribute(VerifiedTokenIdentityProvider.TENANT_ID))
                .isEqualTo("Default");
        assertThat((Object) remembered.getAttribute(RoutingContext.class.getName()))
                .isNull();
        assertThat((Object) remembered.getAttribute(AuthenticationRequestContext.class.getName()))
                .isNull();
        assertThat(remembered.getAttributes()).doesNotContainValue(request);
    }

    @Test
    void aRememberedIdentityLeavesTheRequestItWasBuiltForToTheCollector() {
        AtomicReference<WeakReference<Object>> request = new AtomicReference<>();
        SecurityIdentity remembered = detachedFromARequest(request);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    System.gc();
                    return request.get().get() == null;
                });
        assertThat(remembered.getPrincipal().getName()).isEqualTo("alice");
    }

    /** Builds an identity for a request, as quarkus-oidc does, and answers only its detached copy. */
    private static SecurityIdentity detachedFromARequest(AtomicReference<WeakReference<Object>> request) {
        Object body = new byte[1 << 20];
        request.set(new WeakReference<>(body));
        Principal alice = () -> "alice";
        SecurityIdentity built = QuarkusSecurityIdentity.builder()
                .setPrincipal(alice)
                .addRole("user")
                .addPermissionAsString("sessions:read")
                .addAttribute(RoutingContext.class.getName(), body)
                .addAttribute(AuthenticationRequestContext.class.getName(), body)
                .build();
        return VerifiedTokenIdentityProvider.detached(built);
    }
}
