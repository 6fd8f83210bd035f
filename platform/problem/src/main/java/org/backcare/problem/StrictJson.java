package org.backcare.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Request bodies mean what they say: no quiet coercion of true into 1, 1.5 into 1, "12" into 12, 42 into "42",
 * "" into null (numbers, booleans, ids, enums), 0 into an enum's first value or 1234 into a date-time, and nothing
 * after the document. Such input answers 400 naming the field. (The corpus of BadInputIT found each of these.)
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last, so its date-time deserializers replace the lenient ones of the JavaTimeModule. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        for (CoercionInputShape scalar : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        for (LogicalType type : new LogicalType[] {LogicalType.OtherScalar, LogicalType.Enum, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        SimpleModule dates = new SimpleModule("strict-date-times");
        dates.addDeserializer(
                OffsetDateTime.class, new TextOnly<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME));
        dates.addDeserializer(Instant.class, new TextOnly<>(Instant.class, InstantDeserializer.INSTANT));
        dates.addDeserializer(String.class, new NoNulText());
        // written as the JavaTimeModule writes them, without its formatter's cost (OffsetDateTimeText)
        dates.addSerializer(OffsetDateTime.class, new OffsetDateTimeText());
        mapper.registerModule(dates);
    }

    /** Text without NUL characters: PostgreSQL cannot store them, so they are a client's mistake, not a 500. */
    static final class NoNulText extends StdDeserializer<String> {

        NoNulText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, text, "NUL characters are not allowed");
            }
            return text;
        }
    }

    /** A date-time only from its ISO-8601 text: a number is refused rather than read as seconds since 1970. */
    static final class TextOnly<T> extends StdDeserializer<T> {

        private final JsonDeserializer<? extends T> iso;

        TextOnly(Class<T> type, JsonDeserializer<? extends T> iso) {
            super(type);
            this.iso = iso;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            if (p.getText().isBlank()) {
                return (T) ctxt.handleWeirdStringValue(handledType(), p.getText(), "an ISO-8601 date-time is required");
            }
            return iso.deserialize(p, ctxt);
        }
    }
}
