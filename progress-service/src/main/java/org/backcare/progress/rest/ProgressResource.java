package org.backcare.progress.rest;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.backcare.progress.repository.ProgressStore;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own progress; the user is the token's subject. */
@Path("/progress/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Progress")
public class ProgressResource {

    private final ProgressStore store;
    private final JsonWebToken token;

    public ProgressResource(ProgressStore store, JsonWebToken token) {
        this.store = store;
        this.token = token;
    }

    @GET
    @Transactional
    @Operation(summary = "Your progress: totals so far")
    public ProgressResponse me() {
        String userId = token.getSubject();
        var totals = store.totals(userId).orElse(ProgressStore.Totals.NONE);
        return new ProgressResponse(
                userId,
                new ProgressResponse.TotalsResponse(
                        totals.sessions(), totals.sets(), totals.holdSeconds(), totals.reps()));
    }
}
