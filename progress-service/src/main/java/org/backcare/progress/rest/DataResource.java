package org.backcare.progress.rest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.backcare.progress.access.ProgressAccess;
import org.backcare.progress.query.PersonalData;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Your data rights: a copy of everything the progress-service holds about you. */
@Path("/progress/me/data")
@Authenticated
@Tag(name = "Your data")
public class DataResource {

    private final ProgressAccess access;
    private final PersonalData data;
    private final ObjectMapper json;
    private final Clock clock;

    public DataResource(ProgressAccess access, PersonalData data, ObjectMapper json, Clock clock) {
        this.access = access;
        this.data = data;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Everything the progress-service holds about you, as one JSON document (a download)",
            description = "{userId, exportedAt, person: {username, email, displayName, coach, seenAt} or null,"
                    + " tables: {session_fact, set_fact, daily_exercise, daily_activity, active_run, pain_flag,"
                    + " user_totals, user_profile, processed_event: [rows]}, coaches: [{coachUserId, sharedAt}],"
                    + " sharedWithMe: [{userId, sharedAt}]}. Dates are ISO 8601 (days as yyyy-MM-dd, times in UTC);"
                    + " a person the service has never seen gets empty tables.")
    @APIResponse(
            responseCode = "200",
            description = "the export, streamed, as an attachment backcare-progress-<date>.json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", description = "no token, a bad one, or one without a subject")
    public Response export() {
        String me = access.me();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        StreamingOutput body = out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                data.export(me, now, generator);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"backcare-progress-" + now.toLocalDate() + ".json\"")
                .build();
    }
}
