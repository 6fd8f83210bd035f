package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.backcare.progress.access.ProgressAccess;
import org.backcare.progress.projection.rebuild.ProjectionRebuild;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operations: rebuild every projection from the session-service's history stream, read with the admin's own token
 * (the session-service lets only an admin read everyone's history).
 */
@Path("/progress/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ProgressAccess.ADMIN)
@Tag(name = "Operations")
public class RebuildResource {

    private final ProjectionRebuild rebuild;
    private final JsonWebToken token;

    public RebuildResource(ProjectionRebuild rebuild, JsonWebToken token) {
        this.rebuild = rebuild;
        this.token = token;
    }

    @POST
    @Operation(
            summary = "Rebuild the projections from the session-service's history; answers when done, with figures",
            description = "Reads GET {session-service}/admin/session-history with the caller's token. 502 when the"
                    + " session-service refuses or fails, 503 when it cannot be reached: before the projections are"
                    + " emptied, nothing changes; if the history breaks off later, run the rebuild again.")
    @APIResponse(responseCode = "200", description = "rebuilt")
    @APIResponse(responseCode = "409", description = "a rebuild is already running on this instance")
    @APIResponse(responseCode = "502", description = "the session-service refused the history or failed")
    @APIResponse(responseCode = "503", description = "the session-service could not be reached")
    public ProjectionRebuild.Result rebuild() {
        return rebuild.rebuild(token.getRawToken());
    }
}
