package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.backcare.progress.service.ProgressAccess;
import org.backcare.progress.service.ProjectionRebuild;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations: rebuild every projection from the beginning of workout.session-events. */
@Path("/progress/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ProgressAccess.ADMIN)
@Tag(name = "Operations")
public class RebuildResource {

    private final ProjectionRebuild rebuild;

    public RebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Operation(summary = "Rebuild the projections from the topic's beginning; answers when done, with figures")
    public ProjectionRebuild.Result rebuild() {
        return rebuild.rebuild();
    }
}
