package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.security.VerifiedTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bearer token verified once is remembered until it expires: never for another token, tenant or user. */
@QuarkusTest
@SessionTestResources
class VerifiedBearerTokenTest {

    @Inject
    MeterRegistry metrics;

    @Inject
    VerifiedTokens tokens;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private double hits() {
        return metrics.counter("backcare.verified.tokens", "result", "hit").count();
    }

    @Test
    void theSecondRequestWithATokenIsServedFromTheVerifiedTokenAndAnswersTheSame() {
        String alice = TestTokens.user(TestTokens.ALICE);
        UUID session = SessionLifecycleTest.start(TestTokens.ALICE, null);
        double before = hits();

        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(alice)
                    .get("/sessions/{id}", session)
                    .then()
                    .statusCode(200)
                    .body("userId", equalTo(TestTokens.ALICE));
        }

        assertThat(hits() - before).as("the second and third request").isGreaterThanOrEqualTo(2);
        assertThat(tokens.size()).isPositive();
    }

    @Test
    void aRememberedTokenKeepsItsCallerButNotTheRequestThatBroughtIt() {
        String alice = TestTokens.user(TestTokens.ALICE);
        given().auth().oauth2(alice).get("/sessions").then().statusCode(200);

        SecurityIdentity remembered = tokens.find("Default", alice).orElseThrow();

        assertThat(remembered.getPrincipal().getName()).isEqualTo(TestTokens.ALICE);
        assertThat(remembered.getRoles()).contains("user");
        assertThat((Object) remembered.getAttribute(RoutingContext.class.getName()))
                .as("the first request's routing context (its body and response) is not kept with the token")
                .isNull();
        assertThat((Object) remembered.getAttribute(AuthenticationRequestContext.class.getName()))
                .isNull();
        given().auth().oauth2(alice).get("/sessions").then().statusCode(200).body("items", notNullValue());
    }

    @Test
    void anotherUsersRememberedTokenNeverOpensTheSession() {
        UUID session = SessionLifecycleTest.start(TestTokens.ALICE, null);
        String bob = TestTokens.user(TestTokens.BOB);
        given().auth().oauth2(bob).get("/sessions").then().statusCode(200);

        given().auth().oauth2(bob).get("/sessions/{id}", session).then().statusCode(404);
        given().auth().oauth2(bob).get("/sessions/{id}", session).then().statusCode(404);
    }

    @Test
    void aTokenChangedInOneCharacterIsVerifiedAndRefusedWhileTheOriginalIsRemembered() {
        String alice = TestTokens.user(TestTokens.ALICE);
        given().auth().oauth2(alice).get("/sessions").then().statusCode(200);
        given().auth().oauth2(alice).get("/sessions").then().statusCode(200);

        int last = alice.length() - 2;
        char flipped = alice.charAt(last) == 'A' ? 'B' : 'A';
        String forged = alice.substring(0, last) + flipped + alice.substring(last + 1);

        given().auth().oauth2(forged).get("/sessions").then().statusCode(401);
        given().auth().oauth2(alice).get("/sessions").then().statusCode(200);
    }

    @Test
    void aRememberedTokenAnswers401OnceItHasExpired() {
        String shortLived = TestTokens.user(TestTokens.ALICE, Instant.now().plusSeconds(3));
        given().auth().oauth2(shortLived).get("/sessions").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/sessions").then().statusCode(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth()
                                .oauth2(shortLived)
                                .get("/sessions")
                                .then()
                                .extract()
                                .statusCode()
                        == 401);
        given().auth()
                .oauth2(shortLived)
                .get("/sessions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
