package org.backcare.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code data} is the event record itself; {@code subject}
 * names what it is about (a user or an exercise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data"})
public record CloudEvent<T>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String dataschema,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public static <T> CloudEvent<T> of(
            UUID id, String source, String type, String subject, OffsetDateTime time, String dataschema, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type, subject, time, "application/json", dataschema, data);
    }
}
