package org.backcare.infra.quarkus;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tokens for @QuarkusTests that use Quarkus's OIDC test server: signed with its key, shaped like the realm's
 * (subject, realm_access.roles). The subjects are the demo users' ids in deploy/keycloak.
 */
public final class TestTokens {

    public static final String ALICE = "9d3a7c1e-5b1f-4c59-9a3e-0a1f2b3c4d51";
    public static final String BOB = "5f0c8e2a-7d4b-4e6a-8b1c-1b2c3d4e5f62";
    public static final String CAROL = "2e7b9d4c-1a3f-4b8e-9c5d-2c3d4e5f6a73";
    public static final String ADMIN = "7a1c3e5b-9d2f-4a6c-8e1b-3d4e5f6a7b84";

    private TestTokens() {}

    /** A token for {@code subject} with the given realm roles. */
    public static String forSubject(String subject, String... roles) {
        return claims(subject, roles).sign();
    }

    /** A user's token that expires at {@code expiresAt} (the others live five minutes). */
    public static String user(String subject, Instant expiresAt) {
        return claims(subject, "user").expiresAt(expiresAt).sign();
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.subject(subject)
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    /** A token that names its person as the realm's do: user name, e-mail and display name. */
    public static String named(String subject, String username, String email, String name, String... roles) {
        JwtClaimsBuilder claims = claims(subject, roles).claim("preferred_username", username);
        if (email != null) {
            claims.claim("email", email);
        }
        if (name != null) {
            claims.claim("name", name);
        }
        return claims.sign();
    }

    /** A token that verifies (issuer, audience, signature, roles) but names no subject: every service refuses it. */
    public static String withoutSubject(String... roles) {
        return Jwt.issuer("https://server.example.com")
                .audience("https://service.example.com")
                .claim("preferred_username", "nobody")
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .sign();
    }

    public static String user(String subject) {
        return forSubject(subject, "user");
    }

    public static String admin() {
        return forSubject(ADMIN, "admin");
    }
}
