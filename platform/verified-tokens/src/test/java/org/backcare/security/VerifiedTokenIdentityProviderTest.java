package org.backcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.StringPermission;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.security.Principal;
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
}
