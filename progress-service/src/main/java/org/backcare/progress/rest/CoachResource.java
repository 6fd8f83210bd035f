package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backcare.problem.ProblemException;
import org.backcare.progress.access.CoachShares;
import org.backcare.progress.access.People;
import org.backcare.progress.access.ProgressAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sharing your progress with a coach, and a coach's list of who shares with them. */
@Path("/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coaches")
public class CoachResource {

    /** A share, with the names of both people where they have signed in here (userName, coachName). */
    public record CoachShareResponse(
            String userId, String userName, String coachUserId, String coachName, OffsetDateTime sharedAt) {}

    public record Shares(List<CoachShareResponse> items) {}

    /** Share with a coach by their user name or e-mail. */
    public record ShareRequest(
            @NotBlank @Size(max = 254) @Schema(example = "carol", description = "the coach's user name or e-mail")
            String coach) {}

    private final ProgressAccess access;
    private final CoachShares shares;
    private final People people;

    public CoachResource(ProgressAccess access, CoachShares shares, People people) {
        this.access = access;
        this.shares = shares;
        this.people = people;
    }

    @GET
    @Path("/me/coaches")
    @RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
    @Transactional
    @Operation(summary = "The coaches you share your progress with")
    public Shares coaches() {
        access.rememberMe();
        return named(shares.coachesOf(access.me()));
    }

    @POST
    @Path("/me/coaches")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
    @Transactional
    @Operation(
            summary = "Share your progress with a coach by user name or e-mail",
            description =
                    "201 with the share when new, 200 when it was shared; 422 naming coach when no coach of that name has signed in.")
    public Response shareByName(@Valid @NotNull ShareRequest request) {
        access.rememberMe();
        People.Person coach = people.coachNamed(request.coach().trim())
                .orElseThrow(() -> ProblemException.unprocessable(
                        "coach", "no coach with that user name or e-mail has signed in to the tracker yet"));
        if (coach.userId().equals(access.me())) {
            throw ProblemException.unprocessable("coach", "you cannot be your own coach");
        }
        boolean created = shares.share(access.me(), coach.userId());
        CoachShareResponse share = named(shares.coachesOf(access.me())).items().stream()
                .filter(s -> s.coachUserId().equals(coach.userId()))
                .findFirst()
                .orElseThrow();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(share)
                .build();
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
        access.rememberMe();
        return named(shares.sharedWith(access.me()));
    }

    /** The shares with both people's names, where the service knows them. */
    private Shares named(List<CoachShares.Share> list) {
        Set<String> ids = new HashSet<>();
        list.forEach(s -> {
            ids.add(s.userId());
            ids.add(s.coachId());
        });
        Map<String, People.Person> known = people.byId(ids);
        return new Shares(list.stream()
                .map(s -> new CoachShareResponse(
                        s.userId(), nameOf(known, s.userId()), s.coachId(), nameOf(known, s.coachId()), s.sharedAt()))
                .toList());
    }

    private static String nameOf(Map<String, People.Person> known, String userId) {
        People.Person p = known.get(userId);
        return p == null ? null : p.displayName() + " (" + p.username() + ")";
    }
}
