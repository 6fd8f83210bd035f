package org.backcare.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's files load before sign-in (and so offline, from the service worker's cache) under a strict
 * Content-Security-Policy; everything under /api needs a session: the app's script gets a 401 it can act on, a
 * page navigation goes to the identity provider.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class WebAppShellTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theAppShellLoadsWithoutASessionUnderAStrictContentSecurityPolicy() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<script type=\"module\" src=\"/js/app.js\"></script>"))
                .body(not(containsString("<script>")));
        given().get("/js/player.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/sw.js").then().statusCode(200).header("Cache-Control", "no-cache");
        given().get("/manifest.webmanifest").then().statusCode(200).body(containsString("\"start_url\""));
    }

    @Test
    void theAppsOwnCallsWithoutASessionAnswer401NotARedirect() {
        given().header("X-Requested-With", "JavaScript")
                .redirects()
                .follow(false)
                .get("/api/me")
                .then()
                .statusCode(401);
        given().header("X-Requested-With", "JavaScript")
                .redirects()
                .follow(false)
                .get("/api/progress/progress/me")
                .then()
                .statusCode(401)
                .header("Content-Security-Policy", startsWith("sandbox"));
    }

    @Test
    void everyAnswerCarriesTheHeadersAndNothingOfTheApiIsStored() {
        given().get("/")
                .then()
                .statusCode(200)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
        given().get("/js/app.js")
                .then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        for (String path : new String[] {"/api/me", "/api/session/sessions", "/api/progress/progress/me/report"}) {
            given().header("X-Requested-With", "JavaScript")
                    .redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", startsWith("sandbox"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().redirects().follow(false).get("/login").then().statusCode(302).header("Cache-Control", "no-store");
    }

    @Test
    void signingInSendsTheBrowserToTheIdentityProviderWithPkce() {
        given().redirects()
                .follow(false)
                .get("/login")
                .then()
                .statusCode(302)
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("client_id=quarkus-web-app"));
    }

    @Test
    void onlyTheThreeServicesCanBeReachedThroughTheApi() {
        given().header("X-Requested-With", "JavaScript")
                .redirects()
                .follow(false)
                .get("/api/keycloak/admin")
                .then()
                .statusCode(401);
    }

    @Test
    void theServiceWorkerCachesEveryModuleAndTheManifestsIconsExist() throws Exception {
        String worker = given().get("/sw.js").then().statusCode(200).extract().asString();
        java.nio.file.Path js = java.nio.file.Path.of("src/main/resources/META-INF/resources/js");
        try (var files = java.nio.file.Files.walk(js)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String path = "/js/" + js.relativize(file).toString().replace('\\', '/');
                org.assertj.core.api.Assertions.assertThat(worker)
                        .as("sw.js caches %s for offline use", path)
                        .contains("'" + path + "'");
                given().get(path).then().statusCode(200);
            }
        }
        for (String icon : java.util.List.of("/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png")) {
            given().get(icon).then().statusCode(200);
        }
    }
}
