package org.backcare.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Real Keycloak from the distribution zip on Maven Central, in development mode with an in-memory database and
 * the realm imported from {@code deploy/keycloak/workout-tracker-realm.json} at every start.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String COMPONENT = "Keycloak";
    public static final String REALM = "workout-tracker";
    public static final String CLIENT_ID = "workout-app";
    public static final int REQUIRED_JAVA = 21;
    /** The master realm's administrator of the local Keycloak (never a deployed one). */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";
    public static final String JAVA_HOME_VARIABLE = "BACKCARE_KEYCLOAK_JAVA_HOME";
    private static final Logger LOG = Logger.getLogger(KeycloakServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ManagedProcess process;

    public KeycloakServer(int port, int managementPort, Path logFile) {
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
    }

    public synchronized KeycloakServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(COMPONENT, port);
        Ports.requireFree(COMPONENT + " management", managementPort);
        Path javaHome = JavaRuntimes.homeAtLeast(REQUIRED_JAVA, JAVA_HOME_VARIABLE)
                .orElseThrow(() -> new InfraException(
                        COMPONENT,
                        "Keycloak " + version() + " needs Java " + REQUIRED_JAVA + " or newer, and none was found"
                                + " (looked at $" + JAVA_HOME_VARIABLE + ", this JVM, $JAVA_HOME and /usr/lib/jvm)."
                                + " Install a JDK 21+ and point " + JAVA_HOME_VARIABLE + " at it."));
        Path home = unpackDistribution();
        copyRealm(home);
        List<String> command = List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                // the issuer is http://localhost:PORT/realms/... whatever host name a client used (127.0.0.1 too)
                "--hostname=http://localhost:" + port,
                "--http-management-port=" + managementPort,
                "--db=dev-mem",
                "--health-enabled=true",
                "--import-realm",
                "--log-level=info,org.keycloak.events:warn");
        // the master realm's administrator (local only; the banner and the tests' admin API calls use it)
        Map<String, String> environment = Map.of(
                "JAVA_HOME",
                javaHome.toString(),
                "JAVA_OPTS_KC_HEAP",
                "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1",
                "KC_BOOTSTRAP_ADMIN_USERNAME",
                ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD",
                ADMIN_PASSWORD);
        process = ManagedProcess.start(COMPONENT, command, environment, home, logFile);
        Readiness.await(process, Duration.ofSeconds(240), this::realmServed);
        LOG.infof("Keycloak %s ready on %s (Java %s)", version(), baseUrl(), javaHome);
        return this;
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop("TERM", Duration.ofSeconds(30));
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The issuer and OIDC discovery base of the realm, as services are configured with it. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** An access token for a realm user through the password grant of the public client (local realm only). */
    public String accessToken(String username, String password) {
        return tokenResponse(username, password).get("access_token").asText();
    }

    public JsonNode tokenResponse(String username, String password) {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&username=" + encode(username) + "&password="
                + encode(password) + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new InfraException(
                        COMPONENT,
                        "token request for " + username + " answered " + response.statusCode() + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new InfraException(COMPONENT, "token request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted during a token request", e);
        }
    }

    /**
     * Adds a person to the local realm with realm roles, through the admin API as the master realm's administrator
     * (tests that erase a person use one of their own, so the demo users keep their data).
     */
    public void createUser(String username, String password, String firstName, String lastName, String... roles) {
        String admin = masterAdminToken();
        String user = JSON.createObjectNode()
                .put("username", username)
                .put("firstName", firstName)
                .put("lastName", lastName)
                .put("email", username + "@example.org")
                .put("emailVerified", true)
                .put("enabled", true)
                .set(
                        "credentials",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode()
                                        .put("type", "password")
                                        .put("value", password)
                                        .put("temporary", false)))
                .toString();
        String users = baseUrl() + "/admin/realms/" + REALM + "/users";
        adminCall("POST", users, admin, user, 201);
        JsonNode found = adminCall("GET", users + "?exact=true&username=" + encode(username), admin, null, 200);
        String id = found.get(0).get("id").asText();
        var representations = JSON.createArrayNode();
        for (String role : roles) {
            representations.add(adminCall(
                    "GET", baseUrl() + "/admin/realms/" + REALM + "/roles/" + encode(role), admin, null, 200));
        }
        adminCall("POST", users + "/" + id + "/role-mappings/realm", admin, representations.toString(), 204);
    }

    private String masterAdminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(ADMIN_USER) + "&password="
                + encode(ADMIN_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return send(request, 200).get("access_token").asText();
    }

    private JsonNode adminCall(String method, String url, String token, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request, expected);
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new InfraException(
                        COMPONENT,
                        request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                                + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new InfraException(COMPONENT, request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted during " + request.uri(), e);
        }
    }

    public static String version() {
        return Distributions.versionOf(Distributions.keycloakZip());
    }

    private boolean realmServed() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path unpackDistribution() {
        Path zip = Distributions.keycloakZip();
        Path target = Locations.cacheDir().resolve("keycloak-" + version());
        return Archives.unpackOnce(COMPONENT, target, dir -> Archives.unzip(zip, dir, "keycloak-" + version() + "/"));
    }

    private static void copyRealm(Path home) {
        Path importDir = home.resolve("data/import");
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM + "-realm.json")) {
            if (realm == null) {
                throw new InfraException(COMPONENT, "the realm file is missing from the classpath");
            }
            Files.createDirectories(importDir);
            Files.copy(realm, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InfraException(COMPONENT, "could not copy the realm into " + importDir, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
