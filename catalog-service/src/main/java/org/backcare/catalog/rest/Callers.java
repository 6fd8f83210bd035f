package org.backcare.catalog.rest;

import io.quarkus.security.UnauthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the token's subject, which scopes the caller's Idempotency-Keys. */
final class Callers {

    private Callers() {}

    static String subject(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("the token has no subject");
        }
        return subject;
    }
}
