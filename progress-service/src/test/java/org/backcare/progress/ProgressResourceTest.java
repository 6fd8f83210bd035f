package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProgressTestResources
class ProgressResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void recordedHoldsAddUpAndARedeliveredEventCountsOnce() {
        String user = UUID.randomUUID().toString();
        InMemorySource<String> events = connector.source("session-events");
        String first = setRecorded(UUID.randomUUID(), user, 30, null);
        events.send(sessionStarted(UUID.randomUUID(), user));
        events.send(first);
        events.send(setRecorded(UUID.randomUUID(), user, 45, null));
        events.send(setRecorded(UUID.randomUUID(), user, null, 8));
        events.send(first);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(user))
                        .when()
                        .get("/progress/me")
                        .then()
                        .statusCode(200)
                        .body("userId", equalTo(user))
                        .body("totals.sessions", equalTo(1))
                        .body("totals.sets", equalTo(3))
                        .body("totals.holdSeconds", equalTo(75))
                        .body("totals.reps", equalTo(8)));
    }

    @Test
    void anotherUsersHoldsAreNotInMyProgress() {
        String me = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        connector.source("session-events").send(setRecorded(UUID.randomUUID(), other, 60, null));

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(other))
                        .get("/progress/me")
                        .then()
                        .body("totals.holdSeconds", equalTo(60)));
        given().auth()
                .oauth2(token(me))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.holdSeconds", equalTo(0))
                .body("totals.sets", equalTo(0));
    }

    @Test
    void noTokenAnswers401() {
        given().when().get("/progress/me").then().statusCode(401).contentType("application/problem+json");
    }

    static String token(String subject) {
        return TestTokens.user(subject);
    }

    static String sessionStarted(UUID eventId, String user) {
        return """
                {"specversion":"1.0","id":"%s","source":"/session-service","type":"workout.session.started.v1",
                 "subject":"%s","time":"2026-11-20T08:00:00Z","datacontenttype":"application/json",
                 "data":{"id":"%s","occurredAt":"2026-11-20T08:00:00Z","userId":"%s","sessionId":"%s",
                         "startedAt":"2026-11-20T08:00:00Z","timeZone":"Europe/Berlin","painBefore":3}}
                """.formatted(eventId, user, eventId, user, UUID.randomUUID());
    }

    static String setRecorded(UUID eventId, String user, Integer holdSeconds, Integer reps) {
        return """
                {"specversion":"1.0","id":"%s","source":"/session-service","type":"workout.set.recorded.v1",
                 "subject":"%s","time":"2026-11-20T08:01:00Z","datacontenttype":"application/json",
                 "data":{"id":"%s","occurredAt":"2026-11-20T08:01:00Z","userId":"%s","sessionId":"%s","setId":"%s",
                         "exercise":{"id":"6f1d2c3b-0a01-4e5f-8a10-000000000001","slug":"chin-to-chest",
                                     "name":"Chin to chest","regions":["NECK"],"measurement":"HOLD","sided":false},
                         "holdSeconds":%s,"reps":%s,"pain":1,"recordedAt":"2026-11-20T08:01:00Z",
                         "timeZone":"Europe/Berlin"}}
                """.formatted(eventId, user, eventId, user, UUID.randomUUID(), UUID.randomUUID(), holdSeconds, reps);
    }
}
