package org.backcare.session.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import org.backcare.problem.ProblemException;
import org.backcare.session.service.SessionHistory;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rebuild source of the progress-service (role admin): every session's current state as the CloudEvents the
 * outbox publishes, one per line.
 */
@Path("/admin/session-history")
@RolesAllowed("admin")
@Tag(name = "Admin")
public class SessionHistoryResource {

    public static final String NDJSON = "application/x-ndjson";

    private final SessionHistory history;
    private final ObjectMapper json;
    private final ObjectWriter lines;

    public SessionHistoryResource(SessionHistory history, ObjectMapper json) {
        this.history = history;
        this.json = json;
        this.lines = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    @GET
    @Produces(NDJSON)
    @Operation(
            summary = "Every session re-expressed as its events: the progress-service's rebuild source",
            description = "Streamed, one CloudEvent per line (UTF-8, each line ending in \\n), exactly as the outbox"
                    + " publishes them to workout.session-events (same envelope, data and ids): per session, in order"
                    + " of user then startedAt, workout.session.started.v1, one workout.set.recorded.v1 per current"
                    + " set with its current values and the exercise snapshot stored with it, then"
                    + " workout.session.completed.v1 when the session was completed (its summary counts the current"
                    + " sets). A set.recorded line of a corrected set carries the extension attribute 'supersedes':"
                    + " the space-separated ids of the workout.set.corrected.v1 events whose effect it already"
                    + " carries. Events whose ids appear in the stream (or in supersedes) are already reflected; a set"
                    + " or session missing from it was deleted, so its deletion event is reflected too. Each page of"
                    + " sessions is read as it stands then: later changes arrive as live events with other ids.")
    @APIResponse(
            responseCode = "200",
            description = "one CloudEvent (structured JSON mode) per line",
            content =
                    @Content(
                            mediaType = NDJSON,
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            description =
                                                    "newline-delimited CloudEvents; each line validates against the schema of"
                                                            + " its type under /contracts/schemas, plus the optional 'supersedes' attribute")))
    @APIResponse(responseCode = "400", description = "userId is blank or longer than 255 characters")
    @APIResponse(responseCode = "401", description = "no token, or a bad one")
    @APIResponse(responseCode = "403", description = "the token lacks the admin role")
    public Response history(
            @Parameter(
                            description =
                                    "only this user's sessions (the token subject), e.g. for a test or one user's rebuild")
                    @QueryParam("userId")
                    String userId) {
        if (userId != null && (userId.isBlank() || userId.length() > 255)) {
            throw ProblemException.invalidField("userId", "must be 1 to 255 characters");
        }
        StreamingOutput body = raw -> {
            OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
            // the outbox's own serialisation (Outbox.append: the same ObjectMapper), written straight to the answer:
            // no string or byte array per line, and no flush per line (the buffer goes out when it is full)
            try (JsonGenerator line = json.getFactory().createGenerator(out)) {
                line.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                line.setRootValueSeparator(null);
                history.replay(userId, event -> {
                    lines.writeValue(line, event);
                    line.writeRaw('\n');
                });
            }
            out.flush();
        };
        return Response.ok(body, NDJSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
