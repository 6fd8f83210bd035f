package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.projection.SessionEvent;
import org.junit.jupiter.api.Test;

/**
 * Consumer contract: the producer's own samples (the session-contracts artifact, a test dependency read from the
 * classpath through {@link ProducerContracts}) are read and applied by this service as the producer means them.
 */
@QuarkusTest
@ProgressTestResources
class SessionEventsContractTest {

    static final List<String> TYPES = List.of(
            "workout.session.started.v1",
            "workout.set.recorded.v1",
            "workout.set.deleted.v1",
            "workout.session.completed.v1",
            "workout.set.corrected.v1",
            "workout.session.deleted.v1",
            "workout.user.erased.v1");

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    TestClock clock;

    @Test
    void everyTypeTheProducerPublishesIsKnownHere() throws IOException {
        List<String> published = ProducerContracts.published(ProducerContracts.SESSION_EVENTS);
        assertThat(published).containsExactlyInAnyOrderElementsOf(TYPES);
        assertThat(ProducerContracts.withSchema(ProducerContracts.SESSION_EVENTS))
                .containsExactlyInAnyOrderElementsOf(TYPES);
        assertThat(SessionEvent.KNOWN_TYPES).containsAll(published);
        for (String type : TYPES) {
            SessionEvent event = parser.parse(ProducerContracts.sample(type));
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.userId()).isEqualTo(TestTokens.ALICE);
        }
    }

    @Test
    void theSamplesInOrderAddASessionAndARecordedThenDeletedHold() throws IOException {
        List<SessionEvent> events = new java.util.ArrayList<>();
        for (String type : TYPES.subList(0, 4)) {
            events.add(parser.parse(ProducerContracts.sample(type)));
        }
        projector.apply(events);
        clock.set("2026-11-24T12:00:00Z");
        given().auth()
                .oauth2(TestTokens.user(TestTokens.ALICE))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(1))
                .body("totals.sets", equalTo(0))
                .body("totals.holdSeconds", equalTo(0))
                .body("pain.recent[0].before", equalTo(4))
                .body("pain.recent[0].after", equalTo(2));
    }

    @Test
    void aCorrectionAfterTheCompletionReplacesTheHoldAndADeletedSessionLeavesNothing() throws IOException {
        // the samples with a user, session and set of this test's own (the samples share theirs)
        String user = java.util.UUID.randomUUID().toString();
        java.util.Map<String, String> own = java.util.Map.of(
                TestTokens.ALICE,
                user,
                SAMPLE_SESSION,
                java.util.UUID.randomUUID().toString(),
                SAMPLE_SET,
                java.util.UUID.randomUUID().toString());
        this.own = own;
        projector.apply(List.of(
                sample("workout.session.started.v1"),
                sample("workout.set.recorded.v1"),
                sample("workout.session.completed.v1"),
                sample("workout.set.corrected.v1")));
        clock.set("2026-11-24T12:00:00Z");
        given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(1))
                .body("totals.sets", equalTo(1))
                .body("totals.holdSeconds", equalTo(25));
        projector.apply(List.of(sample("workout.session.deleted.v1")));
        given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(0))
                .body("totals.sets", equalTo(0))
                .body("totals.holdSeconds", equalTo(0))
                .body("pain.recent", org.hamcrest.Matchers.empty());
    }

    @Test
    void theErasureSampleLeavesNothingOfItsUser() throws IOException {
        String user = java.util.UUID.randomUUID().toString();
        this.own = java.util.Map.of(
                TestTokens.ALICE,
                user,
                SAMPLE_SESSION,
                java.util.UUID.randomUUID().toString(),
                SAMPLE_SET,
                java.util.UUID.randomUUID().toString());
        projector.apply(List.of(
                sample("workout.session.started.v1"),
                sample("workout.set.recorded.v1"),
                sample("workout.session.completed.v1")));
        SessionEvent erasure = sample("workout.user.erased.v1");
        assertThat(erasure).isInstanceOf(SessionEvent.UserErased.class);
        assertThat(erasure.userId()).isEqualTo(user);

        projector.apply(List.of(erasure));

        clock.set("2026-11-24T12:00:00Z");
        given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(0))
                .body("totals.sets", equalTo(0))
                .body("pain.recent", org.hamcrest.Matchers.empty());
        given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me/data")
                .then()
                .statusCode(200)
                .body("tables.session_fact", org.hamcrest.Matchers.empty())
                .body("tables.processed_event", org.hamcrest.Matchers.empty());
    }

    static final String SAMPLE_SESSION = "3b6f1a52-8c0d-4e7a-9f21-5d4c3b2a1f00";
    static final String SAMPLE_SET = "c7e2d9a4-1b3f-4c5d-8e6f-7a8b9c0d1e2f";
    private java.util.Map<String, String> own = java.util.Map.of();

    /** A sample with this test's own ids, and an event id of its own (a replay of the sample would be a duplicate). */
    private SessionEvent sample(String type) throws IOException {
        String json = ProducerContracts.sample(type);
        for (var e : own.entrySet()) {
            json = json.replace(e.getKey(), e.getValue());
        }
        json = json.replaceAll(
                "0a1b2c3d-0000-4000-8000-0000000000\\d\\d",
                java.util.UUID.randomUUID().toString());
        return parser.parse(json);
    }
}
