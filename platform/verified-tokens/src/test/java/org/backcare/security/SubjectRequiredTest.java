package org.backcare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class SubjectRequiredTest {

    private final SubjectRequired augmentor = new SubjectRequired();

    /** A verified token's principal with these claims (the name is the user name, as quarkus-oidc picks it). */
    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return (String) claims.getOrDefault("preferred_username", claims.get("sub"));
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private static SecurityIdentity identity(JsonWebToken principal) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRole("user")
                .build();
    }

    private SecurityIdentity augment(SecurityIdentity identity) {
        return augmentor.augment(identity, null).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aTokenWithASubjectPassesUnchanged() {
        SecurityIdentity alice = identity(token(Map.of("sub", "alice-id", "preferred_username", "alice")));

        assertThat(augment(alice)).isSameAs(alice);
    }

    @Test
    void aTokenWithoutASubjectIsRefusedAsAFailedAuthentication() {
        SecurityIdentity nobody = identity(token(Map.of("preferred_username", "nobody")));

        assertThatThrownBy(() -> augment(nobody))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessage(SubjectRequired.MESSAGE);
    }

    @Test
    void aBlankSubjectIsNoSubject() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "  ");
        claims.put("preferred_username", "blank");

        assertThatThrownBy(() -> augment(identity(token(claims)))).isInstanceOf(AuthenticationFailedException.class);
        assertThat(SubjectRequired.hasSubject(identity(token(claims)))).isFalse();
    }

    @Test
    void anAnonymousCallerIsLeftToTheEndpointsOwnRules() {
        SecurityIdentity anonymous =
                QuarkusSecurityIdentity.builder().setAnonymous(true).build();

        assertThat(augment(anonymous)).isSameAs(anonymous);
    }

    @Test
    void itRunsRightAfterTheVerifiedTokenMemoryAndBeforeEveryOtherAugmentor() {
        assertThat(augmentor.priority()).isLessThan(new VerifiedTokenAugmentor(null).priority());
        assertThat(augmentor.priority()).isGreaterThan(0);
    }
}
