package org.backcare.problem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body names only fields its endpoint knows: {@code "holdSecond": 30} answers 400 naming
 * {@code sets[0].holdSecond} rather than losing the seconds without a word. Only the bodies this service reads as a
 * server: the answers it reads from other services (a REST client) and the events it consumes may carry more fields
 * than it knows (the contract welcomes them), so the application's own ObjectMapper stays tolerant of them.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictRequestBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictRequestBodies(ObjectMapper json) {
        this.strict = refusingUnknownFields(json);
    }

    /** A copy of {@code json} (with StrictJson's rules) that also refuses fields its target type does not have. */
    public static ObjectMapper refusingUnknownFields(ObjectMapper json) {
        return json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
