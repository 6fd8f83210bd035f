package org.backcare.session.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.idempotency.IdempotentRequests;
import org.backcare.problem.FieldViolation;
import org.backcare.problem.Paging;
import org.backcare.problem.Problem;
import org.backcare.problem.ProblemException;
import org.backcare.session.service.ExerciseLookup;
import org.backcare.session.service.SessionImporter;
import org.backcare.session.service.SessionQueries;
import org.backcare.session.service.SessionRecorder;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A user's own workout sessions (role user). The user is always the token's subject, never a field of the body;
 * another user's session answers 404. POSTs honour Idempotency-Key.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@Tag(name = "Sessions")
public class SessionResource {

    private final SessionRecorder recorder;
    private final SessionQueries queries;
    private final SessionImporter importer;
    private final ExerciseLookup exercises;
    private final IdempotentRequests idempotency;
    private final JsonWebToken token;

    public SessionResource(
            SessionRecorder recorder,
            SessionQueries queries,
            SessionImporter importer,
            ExerciseLookup exercises,
            IdempotentRequests idempotency,
            JsonWebToken token) {
        this.recorder = recorder;
        this.queries = queries;
        this.importer = importer;
        this.exercises = exercises;
        this.idempotency = idempotency;
        this.token = token;
    }

    @POST
    @Operation(
            summary = "Start a session",
            description = "201 when created; 200 with the same session when the same id is started again.")
    public Response start(
            @Valid @NotNull StartSessionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key,
            UriInfo uri) {
        String user = userId();
        return idempotency.handle(user, key, "POST /sessions", request, () -> {
            var started = recorder.start(user, SessionMapper.toCommand(request));
            var body = SessionMapper.toResponse(started.session());
            return createdOrRepeated(started.created(), uri, body.id(), body);
        });
    }

    @GET
    @Operation(
            summary = "List your sessions",
            description =
                    "Newest first; from (inclusive) and to (exclusive) filter the start, as ISO dates (UTC) or date-times.")
    public PageResponse<SessionResponse> list(
            @Parameter(example = "2026-11-01") @QueryParam("from") String from,
            @Parameter(example = "2026-12-01") @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        OffsetDateTime start = instant("from", from);
        OffsetDateTime end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        Paging paging = Paging.of(page, size);
        var listing = queries.list(userId(), start, end, paging.page(), paging.size());
        return new PageResponse<>(
                listing.items().stream().map(SessionMapper::toResponse).toList(),
                listing.page(),
                listing.size(),
                listing.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one of your sessions with its sets")
    public SessionResponse get(@PathParam("id") UUID id) {
        return queries.find(userId(), id)
                .map(SessionMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("session " + id));
    }

    @POST
    @Path("/{id}/sets")
    @Operation(
            summary = "Record a set: a timed hold or reps",
            description =
                    "Answers the created set with its id (201); a retry of a set with the same client id answers it again (200).")
    public Response recordSet(
            @PathParam("id") UUID id,
            @RequestBody(required = true) RecordSetRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key,
            UriInfo uri) {
        RecordSetRequest.check(request); // before anything else, as a validated parameter would be
        String user = userId();
        return idempotency.handle(user, key, "POST /sessions/" + id + "/sets", request, () -> {
            // the exercise is resolved after the session is found: another user's session answers 404, not 422
            var recorded = recorder.record(
                    user,
                    id,
                    SessionMapper.toCommand(request),
                    () -> exercises.published(request.exerciseId(), "exerciseId"));
            var body = SessionMapper.toResponse(recorded.set());
            return createdOrRepeated(recorded.created(), uri, body.id(), body);
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Delete a session with its sets",
            description =
                    "At any time, also once completed or imported; progress follows (workout.session.deleted.v1).")
    public Response deleteSession(@PathParam("id") UUID id) {
        recorder.deleteSession(userId(), id);
        return Response.noContent().build();
    }

    @PATCH
    @Path("/{id}/sets/{setId}")
    @Operation(
            summary = "Correct a set's seconds, repetitions or pain",
            description =
                    "At any time, also once the session is completed or imported; progress follows (workout.set.corrected.v1).")
    public SessionResponse.SetResponse correctSet(
            @PathParam("id") UUID id, @PathParam("setId") UUID setId, @Valid @NotNull CorrectSetRequest request) {
        return SessionMapper.toResponse(recorder.correctSet(userId(), id, setId, SessionMapper.toCommand(request)));
    }

    @DELETE
    @Path("/{id}/sets/{setId}")
    @Operation(
            summary = "Delete a set (a correction)",
            description =
                    "At any time, also once the session is completed; progress follows: the deletion event reverses the set's effect.")
    public Response deleteSet(@PathParam("id") UUID id, @PathParam("setId") UUID setId) {
        recorder.deleteSet(userId(), id, setId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/complete")
    @Operation(
            summary = "Complete a session",
            description =
                    "Records the end and the pain afterwards; the session takes no new sets (409), its sets can still be corrected or deleted.")
    public Response complete(
            @PathParam("id") UUID id,
            @Valid CompleteSessionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        String user = userId();
        return idempotency.handle(user, key, "POST /sessions/" + id + "/complete", request, () -> {
            // the completed session comes back with its sets loaded (the summary counted them)
            return Response.ok(SessionMapper.toResponse(recorder.complete(user, id, SessionMapper.toCommand(request))))
                    .build();
        });
    }

    @POST
    @Path("/import")
    @Operation(
            summary = "Upload whole sessions recorded offline",
            description =
                    "Each session is all-or-nothing; sessions already uploaded are left as they are. Answers one result per session.")
    public Response importSessions(
            @Valid @NotNull ImportRequest request, @HeaderParam(IdempotentRequests.HEADER) String key) {
        String user = userId();
        return idempotency.handle(
                user,
                key,
                "POST /sessions/import",
                request,
                () -> Response.ok(nothingRefusedAlone(SessionMapper.toResponse(importer.importAll(
                                user,
                                request.sessions().stream()
                                        .map(SessionMapper::toCommand)
                                        .toList()))))
                        .build());
    }

    /**
     * A batch of which every session was rejected changed nothing: that is a 422 naming each session's fields
     * (sessions[i].field), not a 200. A batch with anything imported or already there answers 200 per session.
     */
    private static ImportResponse nothingRefusedAlone(ImportResponse response) {
        if (response.rejected() == 0 || response.imported() + response.alreadyImported() > 0) {
            return response;
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < response.results().size(); i++) {
            Problem problem = response.results().get(i).problem();
            String at = "sessions[" + i + "]";
            if (problem.violations() == null || problem.violations().isEmpty()) {
                violations.add(new FieldViolation(at, problem.detail()));
            } else {
                for (FieldViolation v : problem.violations()) {
                    violations.add(new FieldViolation(at + "." + v.field(), v.message()));
                }
            }
        }
        throw ProblemException.unprocessableFields("no session of the batch could be imported", violations);
    }

    /** 201 with Location for something new; 200 with the same body when a retry found it already there. */
    private static Response createdOrRepeated(boolean created, UriInfo uri, UUID id, Object body) {
        return created
                ? Response.created(
                                uri.getAbsolutePathBuilder().path(id.toString()).build())
                        .entity(body)
                        .build()
                : Response.ok(body).build();
    }

    private String userId() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("the token has no subject");
        }
        return subject;
    }

    private static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "'" + value + "' is not an ISO date (2026-11-01) or date-time");
        }
    }
}
