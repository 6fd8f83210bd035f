package org.backcare.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} answers 413 as application/problem+json, like every other
 * client mistake (Quarkus's own limit answers an empty 413). A body that declares its length is refused before
 * it is read; a chunked one is read up to the limit, no further, and then handed on.
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Before Quarkus's own limit (order -2) and every application route. */
    static final int ORDER = -100;

    private final long limit;
    private final ObjectMapper json;

    RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(limit);
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                if (declaredLength(length) > limit) {
                    tooLarge(context);
                } else {
                    context.next();
                }
            } else if (context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                chunked.handle(context);
            } else {
                context.next();
            }
        });
        router.route().order(ORDER).failureHandler(context -> {
            if (context.statusCode() == 413) {
                tooLarge(context);
            } else {
                context.next();
            }
        });
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void tooLarge(RoutingContext context) {
        Problem problem = new Problem(
                Problem.TYPE_BASE + "payload-too-large",
                "Payload too large",
                413,
                "the request body is larger than " + limit + " bytes",
                context.request().path(),
                java.util.List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413}";
        }
        if (context.response().headWritten()) {
            context.response().close();
            return;
        }
        // the rest of the body is not read: the connection cannot be reused
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
