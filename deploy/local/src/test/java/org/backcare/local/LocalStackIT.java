package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, as a user would: the whole stack (real PostgreSQL, Kafka, Keycloak and the three services as
 * their own processes), a real token for alice by password grant, a recorded hold that shows in her progress
 * and not in bob's.
 */
class LocalStackIT {

    private static LocalStack stack;

    @BeforeAll
    static void startTheWholeStack() {
        stack = SharedStack.get();
    }

    @Test
    void aHoldAliceRecordsShowsInHerProgressAndNotInBobs() {
        String alice = stack.infrastructure().keycloak().accessToken("alice", "alice");
        String bob = stack.infrastructure().keycloak().accessToken("bob", "bob");

        given().get(stack.catalogUrl() + "/exercises/" + DemoData.CHIN_TO_CHEST)
                .then()
                .statusCode(200)
                .body("slug", equalTo("chin-to-chest"));

        // the stack is shared with the other end-to-end tests: compare with what alice and bob had before
        int aliceHold = totals(alice, "holdSeconds");
        int aliceSets = totals(alice, "sets");
        int bobHold = totals(bob, "holdSeconds");
        int bobSets = totals(bob, "sets");
        UUID session = UUID.randomUUID();
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("id", session, "timeZone", "Europe/Berlin", "painBefore", 3))
                .post(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", DemoData.CHIN_TO_CHEST, "holdSeconds", 30, "pain", 1))
                .post(stack.sessionUrl() + "/sessions/" + session + "/sets")
                .then()
                .statusCode(201);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(alice)
                        .get(stack.progressUrl() + "/progress/me")
                        .then()
                        .statusCode(200)
                        .body("totals.holdSeconds", equalTo(aliceHold + 30))
                        .body("totals.sets", equalTo(aliceSets + 1))
                        .body("totals.sessions", greaterThanOrEqualTo(1)));

        given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me")
                .then()
                .statusCode(200)
                .body("totals.holdSeconds", equalTo(bobHold))
                .body("totals.sets", equalTo(bobSets));
        given().auth()
                .oauth2(bob)
                .get(stack.sessionUrl() + "/sessions/" + session)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenEveryServiceAnswers401ButTheCatalogReadsArePublic() {
        given().get(stack.sessionUrl() + "/sessions/" + UUID.randomUUID())
                .then()
                .statusCode(401);
        given().get(stack.progressUrl() + "/progress/me").then().statusCode(401);
        given().get(stack.catalogUrl() + "/exercises").then().statusCode(200).body("total", greaterThanOrEqualTo(4));
    }

    private static int totals(String token, String field) {
        return given().auth()
                .oauth2(token)
                .get(stack.progressUrl() + "/progress/me")
                .then()
                .statusCode(200)
                .extract()
                .path("totals." + field);
    }
}
