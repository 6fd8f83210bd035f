package org.backcare.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token stands for a person only through its {@code sub} claim: every service keys the caller's data by it. A
 * token that verifies but names no subject (a client-credentials token of a misconfigured client, a hand-made
 * one) is refused here, once for every service, with 401 ({@link #MESSAGE}: TokenRefusal says why), so no
 * resource ever sees a principal without a subject. Runs right after VerifiedTokenAugmentor, before the others.
 */
@ApplicationScoped
public class SubjectRequired implements SecurityIdentityAugmentor {

    /** The failure's message; platform/problem's TokenRefusal turns it into the 401's detail. */
    public static final String MESSAGE = "the token names no subject (sub claim)";

    @Override
    public int priority() {
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && !hasSubject(identity)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(MESSAGE));
        }
        return Uni.createFrom().item(identity);
    }

    /** True when the identity's principal is a token with a non-blank {@code sub}, or is not a token at all. */
    static boolean hasSubject(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String subject = jwt.getSubject();
            return subject != null && !subject.isBlank();
        }
        return identity.getPrincipal() != null;
    }
}
