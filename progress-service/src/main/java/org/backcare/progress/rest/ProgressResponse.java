package org.backcare.progress.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's progress (DESIGN.md's /progress/me shape; more fields arrive with the projections). */
@Schema(name = "Progress")
public record ProgressResponse(String userId, TotalsResponse totals) {

    /** Everything the user has done so far. */
    @Schema(name = "Totals")
    public record TotalsResponse(long sessions, long sets, long holdSeconds, long reps) {}
}
