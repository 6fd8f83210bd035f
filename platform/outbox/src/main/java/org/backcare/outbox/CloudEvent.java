package org.backcare.outbox;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code data} is the event record itself; {@code subject}
 * names what it is about (a user or an exercise). {@code extensions} are CloudEvents extension attributes
 * (lower-case names, string values), written as top-level attributes after the others; none by default.
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
        T data,
        @JsonIgnore Map<String, String> extensions) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema", "data");

    public CloudEvent {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** An envelope without extension attributes. */
    public CloudEvent(
            String specversion,
            UUID id,
            String source,
            String type,
            String subject,
            OffsetDateTime time,
            String datacontenttype,
            String dataschema,
            T data) {
        this(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, Map.of());
    }

    public static <T> CloudEvent<T> of(
            UUID id, String source, String type, String subject, OffsetDateTime time, String dataschema, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type, subject, time, "application/json", dataschema, data);
    }

    /** The same event with one more extension attribute (CloudEvents naming: a-z, 0-9, at most 20 characters). */
    public CloudEvent<T> withExtension(String name, String value) {
        if (!EXTENSION_NAME.matcher(name).matches() || CONTEXT_ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a CloudEvents extension attribute name");
        }
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new CloudEvent<>(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, more);
    }

    /** The extension attributes as top-level members of the JSON envelope. */
    @JsonAnyGetter
    public Map<String, String> extensionAttributes() {
        return extensions;
    }
}
