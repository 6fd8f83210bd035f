package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
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
import org.backcare.progress.access.ProgressAccess;
import org.backcare.progress.projection.rebuild.ProjectionRebuild;
import org.backcare.progress.projection.rebuild.RebuildRuns;
import org.backcare.progress.projection.rebuild.RebuildStatus;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operations: rebuild every projection from the session-service's history stream, read with the admin's own token
 * (the session-service lets only an admin read everyone's history). It runs in the background; its status is a
 * resource to poll.
 */
@Path("/progress/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ProgressAccess.ADMIN)
@Tag(name = "Operations")
public class RebuildResource {

    private final ProjectionRebuild rebuild;
    private final RebuildRuns runs;
    private final JsonWebToken token;

    public RebuildResource(ProjectionRebuild rebuild, RebuildRuns runs, JsonWebToken token) {
        this.rebuild = rebuild;
        this.runs = runs;
        this.token = token;
    }

    @POST
    @Path("/rebuild")
    @Operation(
            summary = "Start a rebuild of the projections from the session-service's history; poll its status",
            description = "Reads GET {session-service}/admin/session-history with the caller's token into new tables"
                    + " beside the live ones, which keep answering, then swaps them in in one transaction. 202 with"
                    + " Location: /progress/admin/rebuilds/{id} once the session-service has answered 200; 502 when"
                    + " it refuses or fails, 503 when it cannot be reached (nothing changes).")
    @APIResponse(responseCode = "202", description = "started; poll the Location")
    @APIResponse(responseCode = "409", description = "a rebuild is already running")
    @APIResponse(responseCode = "502", description = "the session-service refused the history or failed")
    @APIResponse(responseCode = "503", description = "the session-service could not be reached")
    public Response start(UriInfo uri) {
        RebuildStatus started = rebuild.start(token.getRawToken());
        return Response.accepted(started)
                .location(uri.getBaseUriBuilder()
                        .path("progress/admin/rebuilds/{id}")
                        .build(started.id()))
                .build();
    }

    @GET
    @Path("/rebuilds/{id}")
    @Operation(
            summary = "A rebuild's status: running, done (with its figures) or failed (with the reason)",
            description = "Any instance answers: the state is in the database. A rebuild interrupted by a stop reads"
                    + " failed; the live projections were not changed, start it again.")
    @APIResponse(responseCode = "200", description = "the status")
    @APIResponse(responseCode = "404", description = "no such rebuild")
    public RebuildStatus status(@PathParam("id") String id) {
        UUID rebuildId;
        try {
            rebuildId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "must be a rebuild's id (a UUID)");
        }
        return runs.find(rebuildId).orElseThrow(() -> ProblemException.notFound("no rebuild " + rebuildId));
    }
}
