package org.backcare.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The envelope every outbox event is published in: CloudEvents 1.0, structured JSON mode. */
class CloudEventTest {

    /** The event record of a producer, as the session-service's are. */
    record SetRecorded(UUID id, String userId, Integer holdSeconds, Integer reps) {}

    /** As Quarkus configures its ObjectMapper: date-times as ISO-8601 text. */
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final UUID id = UUID.fromString("0b9c7f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f");
    private final OffsetDateTime time = OffsetDateTime.parse("2026-03-29T01:30:00+01:00");

    private CloudEvent<SetRecorded> event() {
        return CloudEvent.of(
                id,
                "/session-service",
                "workout.set.recorded.v1",
                "alice-id",
                time,
                "https://backcare.org/schemas/workout.set.recorded.v1.json",
                new SetRecorded(id, "alice-id", 30, null));
    }

    @Test
    void theEnvelopeCarriesTheRequiredAttributesInTheSpecificationsOrder() throws Exception {
        JsonNode envelope = json.readTree(json.writeValueAsString(event()));

        List<String> names = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "specversion",
                        "id",
                        "source",
                        "type",
                        "subject",
                        "time",
                        "datacontenttype",
                        "dataschema",
                        "data");
        assertThat(envelope.path("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.path("id").asText()).isEqualTo(id.toString());
        assertThat(envelope.path("datacontenttype").asText()).isEqualTo("application/json");
    }

    @Test
    void theTimeIsIsoTextWithItsOffsetAndTheDataIsTheEventRecord() throws Exception {
        JsonNode envelope = json.readTree(json.writeValueAsString(event()));

        assertThat(OffsetDateTime.parse(envelope.path("time").asText()).toInstant())
                .isEqualTo(time.toInstant());
        assertThat(envelope.path("data").path("holdSeconds").asInt()).isEqualTo(30);
        assertThat(envelope.path("data").path("userId").asText()).isEqualTo("alice-id");
    }

    @Test
    void absentOptionalAttributesAreLeftOutNotNull() throws Exception {
        CloudEvent<SetRecorded> withoutSubject =
                CloudEvent.of(id, "/catalog-service", "catalog.exercise.upserted.v1", null, time, null, null);

        JsonNode envelope = json.readTree(json.writeValueAsString(withoutSubject));

        assertThat(envelope.has("subject")).isFalse();
        assertThat(envelope.has("dataschema")).isFalse();
        assertThat(envelope.has("data")).isFalse();
        assertThat(envelope.path("type").asText()).isEqualTo("catalog.exercise.upserted.v1");
    }

    @Test
    void theContentTypeOfTheKafkaRecordIsTheStructuredMode() {
        assertThat(CloudEvent.CONTENT_TYPE).isEqualTo("application/cloudevents+json");
        assertThat(CloudEvent.SPEC_VERSION).isEqualTo("1.0");
    }
}
