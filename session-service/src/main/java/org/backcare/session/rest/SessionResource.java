package org.backcare.session.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.backcare.problem.ProblemException;
import org.backcare.session.catalog.ExerciseDirectory;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.service.SessionRecorder;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's own workout sessions. The user is always the token's subject, never a field of the body. */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@Tag(name = "Sessions")
public class SessionResource {

    private final SessionRecorder recorder;
    private final ExerciseDirectory exercises;
    private final JsonWebToken token;

    public SessionResource(SessionRecorder recorder, ExerciseDirectory exercises, JsonWebToken token) {
        this.recorder = recorder;
        this.exercises = exercises;
        this.token = token;
    }

    @POST
    @Operation(summary = "Start a session", description = "201 when created; 200 with the same session on a retry.")
    public Response start(@Valid @NotNull StartSessionRequest request, UriInfo uri) {
        var started = recorder.start(userId(), SessionMapper.toCommand(request));
        var body = SessionMapper.toResponse(started.session());
        return started.created()
                ? Response.created(uri.getAbsolutePathBuilder()
                                .path(body.id().toString())
                                .build())
                        .entity(body)
                        .build()
                : Response.ok(body).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one of your sessions with its sets")
    public SessionResponse get(@PathParam("id") UUID id) {
        return recorder.find(userId(), id)
                .map(SessionMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("session " + id));
    }

    @POST
    @Path("/{id}/sets")
    @Operation(summary = "Record a set: a timed hold or reps", description = "Answers the created set with its id.")
    public Response recordSet(@PathParam("id") UUID id, @Valid @NotNull RecordSetRequest request, UriInfo uri) {
        ExerciseSnapshot exercise = exercises
                .find(request.exerciseId())
                .filter(ExerciseSnapshot::isPublished)
                .orElseThrow(() -> ProblemException.unprocessable(
                        "exerciseId", "no published exercise " + request.exerciseId() + " in the catalog"));
        var set = recorder.record(userId(), id, SessionMapper.toCommand(request), exercise);
        var body = SessionMapper.toResponse(set);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(body.id().toString()).build())
                .entity(body)
                .build();
    }

    private String userId() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("the token has no subject");
        }
        return subject;
    }
}
