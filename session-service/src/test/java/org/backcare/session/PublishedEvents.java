package org.backcare.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** The events the outbox relay published to the in-memory channel, per user (the subject), in order. */
final class PublishedEvents {

    private final InMemoryConnector connector;
    private final ObjectMapper json;

    PublishedEvents(InMemoryConnector connector, ObjectMapper json) {
        this.connector = connector;
        this.json = json;
    }

    List<JsonNode> of(String user) {
        return connector.<String>sink("outbox").received().stream()
                .map(m -> read(m.getPayload()))
                .filter(e -> user.equals(e.path("subject").asText()))
                .toList();
    }

    List<JsonNode> of(String user, String type) {
        return of(user).stream()
                .filter(e -> type.equals(e.path("type").asText()))
                .toList();
    }

    /** Waits until the user has {@code count} published events, and answers them. */
    List<JsonNode> await(String user, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> of(user).size() >= count);
        return of(user);
    }

    /** Waits for the user's first event of {@code type}, and answers it. */
    JsonNode awaitFirst(String user, String type) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !of(user, type).isEmpty());
        return of(user, type).get(0);
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
