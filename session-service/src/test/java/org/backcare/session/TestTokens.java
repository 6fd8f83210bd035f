package org.backcare.session;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;

/** Tokens signed by the OIDC test server's key, shaped like the realm's (sub, realm_access.roles, aud). */
final class TestTokens {

    static final String ALICE = "9d3a7c1e-5b1f-4c59-9a3e-0a1f2b3c4d51";
    static final String BOB = "5f0c8e2a-7d4b-4e6a-8b1c-1b2c3d4e5f62";

    private TestTokens() {}

    static String user(String subject) {
        return Jwt.subject(subject)
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .claim("realm_access", Map.of("roles", List.of("user")))
                .sign();
    }
}
