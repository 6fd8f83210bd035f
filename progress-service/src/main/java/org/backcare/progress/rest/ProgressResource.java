package org.backcare.progress.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.backcare.problem.Fields;
import org.backcare.problem.ProblemException;
import org.backcare.progress.access.ProgressAccess;
import org.backcare.progress.query.Granularity;
import org.backcare.progress.query.Progress;
import org.backcare.progress.query.ProgressHistory;
import org.backcare.progress.query.ProgressSummaries;
import org.backcare.progress.query.Region;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Progress as JSON: the caller's own under /progress/me, another user's under /progress/users/{userId} for an
 * admin or a coach that user shares with (anyone else gets 404).
 */
@Path("/progress")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
@Tag(name = "Progress")
public class ProgressResource {

    /** History shows the last 12 weeks unless asked otherwise. */
    static final int DEFAULT_HISTORY_DAYS = 84;

    private final ProgressAccess access;
    private final ProgressSummaries summaries;
    private final ProgressHistory history;

    public ProgressResource(ProgressAccess access, ProgressSummaries summaries, ProgressHistory history) {
        this.access = access;
        this.summaries = summaries;
        this.history = history;
    }

    @GET
    @Path("/me")
    @Operation(summary = "Your progress: totals, streaks, this week's adherence, pain trend, flags and hints")
    public Progress me() {
        access.rememberMe();
        return summaries.of(access.me());
    }

    @GET
    @Path("/users/{userId}")
    @Operation(summary = "A user's progress (admin, or a coach the user shares with)")
    public Progress user(@PathParam("userId") String userId) {
        return summaries.of(access.readable(userId));
    }

    @GET
    @Path("/me/history")
    @Operation(summary = "Your history in day, week or month buckets, optionally for one region or exercise")
    public ProgressHistory.History myHistory(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("granularity") String granularity,
            @QueryParam("region") String region,
            @QueryParam("exercise") String exercise) {
        return history(access.me(), from, to, granularity, region, exercise);
    }

    @GET
    @Path("/users/{userId}/history")
    @Operation(summary = "A user's history (admin, or a coach the user shares with)")
    public ProgressHistory.History userHistory(
            @PathParam("userId") String userId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("granularity") String granularity,
            @QueryParam("region") String region,
            @QueryParam("exercise") String exercise) {
        return history(access.readable(userId), from, to, granularity, region, exercise);
    }

    @GET
    @Path("/me/exercises/{exerciseId}")
    @Operation(summary = "Your progression on one exercise (daily best and average), left/right balance and hint")
    public ProgressHistory.ExerciseProgress myExercise(
            @PathParam("exerciseId") String exerciseId, @QueryParam("from") String from, @QueryParam("to") String to) {
        return exercise(access.me(), exerciseId, from, to);
    }

    @GET
    @Path("/users/{userId}/exercises/{exerciseId}")
    @Operation(summary = "A user's progression on one exercise (admin, or a coach the user shares with)")
    public ProgressHistory.ExerciseProgress userExercise(
            @PathParam("userId") String userId,
            @PathParam("exerciseId") String exerciseId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return exercise(access.readable(userId), exerciseId, from, to);
    }

    private ProgressHistory.History history(
            String userId, String from, String to, String granularity, String region, String exercise) {
        Granularity g = Fields.enumValue(Granularity.class, "granularity", granularity);
        Region r = Fields.enumValue(Region.class, "region", region);
        UUID exerciseId = DayRange.uuid("exercise", exercise);
        DayRange range = DayRange.of(from, to, summaries.today(userId), DEFAULT_HISTORY_DAYS);
        return history.history(userId, range.from(), range.to(), g == null ? Granularity.DAY : g, r, exerciseId);
    }

    private ProgressHistory.ExerciseProgress exercise(String userId, String exerciseId, String from, String to) {
        UUID id;
        try {
            id = UUID.fromString(exerciseId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("exercise " + exerciseId.replaceAll("[^A-Za-z0-9-]", "?"));
        }
        DayRange range = DayRange.of(from, to, summaries.today(userId), DEFAULT_HISTORY_DAYS);
        return history.exercise(userId, id, range.from(), range.to())
                .orElseThrow(() -> ProblemException.notFound("progress on exercise " + id));
    }
}
