package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import org.backcare.problem.ProblemException;
import org.backcare.progress.repository.CoachShares;
import org.backcare.progress.service.ProgressAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sharing your progress with a coach, and a coach's list of who shares with them. */
@Path("/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coaches")
public class CoachResource {

    public record CoachShareResponse(String userId, String coachUserId, OffsetDateTime sharedAt) {}

    public record Shares(List<CoachShareResponse> items) {}

    private final ProgressAccess access;
    private final CoachShares shares;

    public CoachResource(ProgressAccess access, CoachShares shares) {
        this.access = access;
        this.shares = shares;
    }

    @GET
    @Path("/me/coaches")
    @RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
    @Transactional
    @Operation(summary = "The coaches you share your progress with")
    public Shares coaches() {
        return new Shares(shares.coachesOf(access.me()).stream()
                .map(CoachResource::response)
                .toList());
    }

    @PUT
    @Path("/me/coaches/{coachUserId}")
    @RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
    @Transactional
    @Operation(summary = "Share your progress with a coach (idempotent); 201 when new, 204 when it was shared")
    public Response share(@PathParam("coachUserId") String coachUserId) {
        String coach = ProgressAccess.coachId(coachUserId);
        if (coach.equals(access.me())) {
            throw ProblemException.unprocessable("coachUserId", "you cannot be your own coach");
        }
        return shares.share(access.me(), coach)
                ? Response.status(Response.Status.CREATED).build()
                : Response.noContent().build();
    }

    @DELETE
    @Path("/me/coaches/{coachUserId}")
    @RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
    @Transactional
    @Operation(summary = "Stop sharing with a coach; 404 when you did not share with them")
    public Response revoke(@PathParam("coachUserId") String coachUserId) {
        String coach = ProgressAccess.coachId(coachUserId);
        if (!shares.revoke(access.me(), coach)) {
            throw ProblemException.notFound("a share with coach " + coach);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/coaching")
    @RolesAllowed(ProgressAccess.COACH)
    @Transactional
    @Operation(summary = "For a coach: the users who share their progress with you")
    public Shares coaching() {
        return new Shares(shares.sharedWith(access.me()).stream()
                .map(CoachResource::response)
                .toList());
    }

    private static CoachShareResponse response(CoachShares.Share share) {
        return new CoachShareResponse(share.userId(), share.coachId(), share.sharedAt());
    }
}
