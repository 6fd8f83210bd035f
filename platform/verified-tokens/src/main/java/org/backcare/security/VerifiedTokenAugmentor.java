package org.backcare.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs first on every identity built: one that quarkus-oidc built from a bearer JWT access token (its principal is
 * that very token) is remembered until the token's expiry. Identities of the code flow, of opaque tokens, anonymous
 * ones and the ones answered from memory are left alone. The later augmentors run on every request as before.
 */
@ApplicationScoped
public class VerifiedTokenAugmentor implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    public VerifiedTokenAugmentor(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getAttribute(VerifiedTokenIdentityProvider.REMEMBERED) == null) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            Object tenant = identity.getAttribute(VerifiedTokenIdentityProvider.TENANT_ID);
            if (credential != null
                    && credential.getClass() == AccessTokenCredential.class
                    && !credential.isOpaque()
                    && tenant instanceof String tenantId
                    && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0
                    && SubjectRequired.hasSubject(identity)
                    && credential.getToken().equals(jwt.getRawToken())) {
                tokens.remember(
                        tenantId,
                        credential.getToken(),
                        VerifiedTokenIdentityProvider.detached(identity),
                        jwt.getExpirationTime());
            }
        }
        return Uni.createFrom().item(identity);
    }
}
