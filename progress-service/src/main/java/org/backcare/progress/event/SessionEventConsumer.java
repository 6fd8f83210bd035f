package org.backcare.progress.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.backcare.progress.service.ProgressProjector;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies workout.session-events to the projections. A message that cannot be read fails, and the connector
 * sends it to workout.session-events.dlq with the reason, so it never blocks its partition.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String CHANNEL = "session-events";

    private final ObjectMapper json;
    private final ProgressProjector projector;

    public SessionEventConsumer(ObjectMapper json, ProgressProjector projector) {
        this.json = json;
        this.projector = projector;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(String payload) {
        projector.apply(parse(payload));
    }

    /** Reads a CloudEvent of workout.session-events; throws {@link UnreadableEventException} for poison. */
    public SessionEvent parse(String payload) {
        try {
            JsonNode envelope = json.readTree(payload);
            if (envelope == null || !envelope.isObject()) {
                throw new UnreadableEventException("not a JSON object");
            }
            if (!"1.0".equals(envelope.path("specversion").asText())) {
                throw new UnreadableEventException("not a CloudEvents 1.0 envelope");
            }
            String type = envelope.path("type").asText("");
            if (!SessionEvent.KNOWN_TYPES.contains(type)) {
                throw new UnreadableEventException("unknown event type '" + type + "'");
            }
            UUID id = UUID.fromString(envelope.path("id").asText());
            JsonNode data = envelope.path("data");
            if (!data.isObject() || data.path("userId").asText("").isBlank()) {
                throw new UnreadableEventException("event " + id + " has no data.userId");
            }
            return new SessionEvent(id, type, envelope.path("subject").asText(), data);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("no valid id: " + e.getMessage());
        }
    }

    /** The message is poison: it can never be applied. */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message) {
            super(message);
        }
    }
}
