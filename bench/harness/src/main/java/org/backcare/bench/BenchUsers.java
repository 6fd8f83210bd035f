package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.backcare.infra.KeycloakServer;

/** Users created in the local Keycloak for a benchmark; each signs in with the password grant like the demo users. */
final class BenchUsers {

    /** A realm user: name (= password) and the subject the services see. */
    record User(String name, String id) {}

    private final KeycloakServer keycloak;
    private final Api api;

    BenchUsers(KeycloakServer keycloak, Api api) {
        this.keycloak = keycloak;
        this.api = api;
    }

    /** Creates {@code count} users named prefix-001, prefix-002, ... with the role user. */
    List<User> create(String prefix, int count) {
        String admin = masterAdminToken();
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = String.format("%s-%03d", prefix, i);
            users.add(Map.of(
                    "username",
                    name,
                    "enabled",
                    true,
                    "email",
                    name + "@bench.backcare.local",
                    "emailVerified",
                    true,
                    "firstName",
                    "Bench",
                    "lastName",
                    name,
                    "credentials",
                    List.of(Map.of("type", "password", "value", name, "temporary", false)),
                    "realmRoles",
                    List.of("user")));
        }
        api.post(
                        keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/partialImport",
                        admin,
                        Map.of("users", users, "ifResourceExists", "SKIP"))
                .orFail("Keycloak partial import");
        List<User> created = new ArrayList<>();
        for (var user : users) {
            String name = (String) user.get("username");
            created.add(new User(name, subject(token(name))));
        }
        return created;
    }

    String token(String name) {
        return keycloak.accessToken(name, name);
    }

    String token(User user) {
        return token(user.name());
    }

    private String masterAdminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER + "&password="
                + KeycloakServer.ADMIN_PASSWORD;
        try {
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return Api.JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String subject(String token) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            JsonNode claims = Api.JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            return claims.get("sub").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
