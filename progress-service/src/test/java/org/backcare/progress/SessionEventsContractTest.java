package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.event.SessionEventConsumer;
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
    SessionEventConsumer consumer;

    @Inject
    @Any
    InMemoryConnector connector;

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
            SessionEvent event = consumer.parse(Files.readString(SAMPLES.resolve(type + ".json")));
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.data().path("userId").asText()).isEqualTo(TestTokens.ALICE);
        }
    }

    @Test
    void theSamplesInOrderAddASessionAndARecordedThenDeletedHold() throws IOException {
        var source = connector.<String>source("session-events");
        for (String type : TYPES) {
            source.send(Files.readString(SAMPLES.resolve(type + ".json")));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.user(TestTokens.ALICE))
                        .get("/progress/me")
                        .then()
                        .statusCode(200)
                        .body("totals.sessions", equalTo(1))
                        .body("totals.sets", equalTo(0))
                        .body("totals.holdSeconds", equalTo(0)));
    }
}
