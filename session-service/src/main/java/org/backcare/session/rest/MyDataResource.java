package org.backcare.session.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.backcare.session.service.UserData;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's rights over their data here (any signed-in person, whatever their role): the export of
 * everything this service holds about them, and its erasure. The person is always the token's subject.
 */
@Path("/me")
@Authenticated
@Tag(name = "Your data")
public class MyDataResource {

    private final UserData data;
    private final ObjectMapper json;
    private final JsonWebToken token;
    private final Clock clock;

    public MyDataResource(UserData data, ObjectMapper json, JsonWebToken token, Clock clock) {
        this.data = data;
        this.json = json;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Path("/data")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Export everything this service holds about you",
            description = "One JSON document, streamed: your sessions (oldest first) with their sets, and what is"
                    + " kept of your requests with an Idempotency-Key. Deleted sets and sessions are not held any"
                    + " more and so are not exported; a corrected set shows its values as they now stand, with the"
                    + " number of its corrections (revision). Sent as an attachment, never cached.")
    @APIResponse(
            responseCode = "200",
            description = "the export (Content-Disposition: attachment; filename=\"backcare-sessions-<date>.json\")",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DataExportResponse.class)))
    @APIResponse(responseCode = "401", description = "no token, or a bad one")
    public Response export() {
        String user = userId();
        OffsetDateTime exportedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // one writer for the whole document: its buffer fills and goes out, no flush after every session
        ObjectWriter writer = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        StreamingOutput body = out -> {
            try (JsonGenerator generator = writer.createGenerator(out)) {
                // a read that fails half-way must not be closed into a valid, shorter document
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
                generator.writeStartObject();
                generator.writeStringField(DataExportResponse.USER_ID, user);
                generator.writeFieldName(DataExportResponse.EXPORTED_AT);
                writer.writeValue(generator, exportedAt);
                generator.writeArrayFieldStart(DataExportResponse.SESSIONS);
                data.exportSessions(user, session -> writer.writeValue(generator, DataMapper.toExport(session)));
                generator.writeEndArray();
                generator.writeArrayFieldStart(DataExportResponse.IDEMPOTENCY_KEYS);
                data.exportIdempotencyKeys(user, key -> writer.writeValue(generator, DataMapper.toExport(key)));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"backcare-sessions-" + exportedAt.toLocalDate() + ".json\"")
                .build();
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase everything this service holds about you",
            description = "In one transaction: your sessions, their sets, what is kept of your requests with an"
                    + " Idempotency-Key, and your events still in the outbox (not yet sent, or kept after sending); then workout.user.erased.v1 tells the"
                    + " progress-service to erase what it derived. Erasing someone with nothing here answers 202 too"
                    + " and still sends the event. The events already sent leave Kafka by the topic's retention.")
    @APIResponse(
            responseCode = "202",
            description = "erased here; the progress-service follows from the event",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErasureResponse.class)))
    @APIResponse(responseCode = "401", description = "no token, or a bad one")
    public Response erase() {
        return Response.accepted(DataMapper.toResponse(data.erase(userId()))).build();
    }

    private String userId() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("the token has no subject");
        }
        return subject;
    }
}
