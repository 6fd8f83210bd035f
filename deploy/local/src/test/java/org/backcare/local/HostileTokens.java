package org.backcare.local;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.backcare.infra.KeycloakServer;

/**
 * Real Keycloak tokens that must be refused, made through Keycloak's admin API: one that has expired (a client
 * whose tokens live one second), one from another realm (another issuer and signing key), and one without the
 * workout-api audience (a client without the audience mapper). Each belongs to alice.
 */
final class HostileTokens {

    private final KeycloakServer keycloak;
    private final String admin;

    HostileTokens(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        this.admin = given().formParams(Map.of(
                        "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A token of alice's that has expired (its client's tokens live one second). */
    String expired() {
        client(KeycloakServer.REALM, "short-lived-app", true, Map.of("access.token.lifespan", "1"));
        String token = password(KeycloakServer.REALM, "short-lived-app", "alice");
        Instant expiry = expiry(token);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        return token;
    }

    /** A token for "alice" of another realm of the same Keycloak: another issuer, another key. */
    String otherIssuer() {
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "realm",
                        "elsewhere",
                        "enabled",
                        true,
                        "roles",
                        Map.of("realm", List.of(Map.of("name", "user"), Map.of("name", "admin"))),
                        "users",
                        List.of(Map.of(
                                "username",
                                "alice",
                                "enabled",
                                true,
                                "email",
                                "alice@elsewhere.example",
                                "emailVerified",
                                true,
                                "firstName",
                                "Alice",
                                "lastName",
                                "Elsewhere",
                                "credentials",
                                List.of(Map.of("type", "password", "value", "alice", "temporary", false)),
                                "realmRoles",
                                List.of("user", "admin")))))
                .post(keycloak.baseUrl() + "/admin/realms")
                .then()
                .statusCode(201);
        client("elsewhere", KeycloakServer.CLIENT_ID, true, Map.of());
        return password("elsewhere", KeycloakServer.CLIENT_ID, "alice");
    }

    /** A token of alice's from the right realm for a client that does not put workout-api in the audience. */
    String wrongAudience() {
        client(KeycloakServer.REALM, "audience-less-app", false, Map.of());
        return password(KeycloakServer.REALM, "audience-less-app", "alice");
    }

    private void client(String realm, String clientId, boolean audience, Map<String, String> attributes) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "clientId", clientId,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false,
                "attributes", attributes));
        if (audience) {
            body.put(
                    "protocolMappers",
                    List.of(Map.of(
                            "name", "workout-api audience",
                            "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper",
                            "config",
                                    Map.of("included.custom.audience", "workout-api", "access.token.claim", "true"))));
        }
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .post(keycloak.baseUrl() + "/admin/realms/" + realm + "/clients")
                .then()
                .statusCode(201);
    }

    private String password(String realm, String clientId, String user) {
        return given().formParams(
                        Map.of("grant_type", "password", "client_id", clientId, "username", user, "password", user))
                .post(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The token's subject: the user's id. */
    static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    static Instant expiry(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        long exp = Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        return Instant.ofEpochSecond(exp);
    }
}
