package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.event.SessionEventParser;
import org.backcare.progress.service.ProgressProjector;
import org.junit.jupiter.api.Test;

/**
 * Consumer contract: the producer's own samples (session-service/src/main/resources/contracts) are read and
 * applied by this service as the producer means them.
 */
@QuarkusTest
@ProgressTestResources
class SessionEventsContractTest {

    static final Path SAMPLES = Path.of("../session-service/src/main/resources/contracts/samples");
    static final List<String> TYPES = List.of(
            "workout.session.started.v1",
            "workout.set.recorded.v1",
            "workout.set.deleted.v1",
            "workout.session.completed.v1");

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    TestClock clock;

    @Test
    void everyTypeTheProducerPublishesIsKnownHere() throws IOException {
        try (var files = Files.list(SAMPLES)) {
            List<String> published = files.map(f -> f.getFileName().toString().replace(".json", ""))
                    .sorted()
                    .toList();
            assertThat(published).containsExactlyInAnyOrderElementsOf(TYPES);
            assertThat(SessionEvent.KNOWN_TYPES).containsAll(published);
        }
        for (String type : TYPES) {
            SessionEvent event = parser.parse(Files.readString(SAMPLES.resolve(type + ".json")));
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.userId()).isEqualTo(TestTokens.ALICE);
        }
    }

    @Test
    void theSamplesInOrderAddASessionAndARecordedThenDeletedHold() throws IOException {
        List<SessionEvent> events = new java.util.ArrayList<>();
        for (String type : TYPES) {
            events.add(parser.parse(Files.readString(SAMPLES.resolve(type + ".json"))));
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
}
