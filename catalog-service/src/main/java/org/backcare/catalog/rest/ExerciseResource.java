package org.backcare.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.backcare.catalog.service.ExerciseCatalog;
import org.backcare.problem.Fields;
import org.backcare.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The exercise catalog. Reads are public: the catalog holds no personal data and apps show it before login. */
@Path("/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exercises")
public class ExerciseResource {

    static final int MAX_PAGE_SIZE = 100;

    private final ExerciseCatalog catalog;

    public ExerciseResource(ExerciseCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @PermitAll
    @Operation(summary = "List exercises", description = "Published exercises unless status=RETIRED is asked for.")
    public PageResponse<ExerciseResponse> list(
            @Parameter(description = "NECK, SHOULDERS, UPPER_BACK, LOWER_BACK, CORE, HIPS, GLUTES, HAMSTRINGS")
                    @QueryParam("region")
                    String region,
            @Parameter(description = "STRETCH, STRENGTH, MOBILITY") @QueryParam("kind") String kind,
            @Parameter(description = "HOLD, REPS") @QueryParam("measurement") String measurement,
            @Parameter(description = "Free text over name and summary") @QueryParam("q") String text,
            @Parameter(description = "PUBLISHED (default) or RETIRED") @QueryParam("status") String status,
            @Parameter(description = "Zero-based page") @QueryParam("page") @DefaultValue("0") String page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20") String size) {
        var search = new ExerciseCatalog.ExerciseSearch(
                Fields.enumValue(Region.class, "region", region),
                Fields.enumValue(Kind.class, "kind", kind),
                Fields.enumValue(Measurement.class, "measurement", measurement),
                text,
                Fields.enumValue(ExerciseStatus.class, "status", status),
                wholeNumber("page", page, 0, Integer.MAX_VALUE),
                Math.min(wholeNumber("size", size, 1, Integer.MAX_VALUE), MAX_PAGE_SIZE));
        var result = catalog.search(search);
        return new PageResponse<>(
                result.items().stream().map(ExerciseMapper::toResponse).toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GET
    @Path("/{idOrSlug}")
    @PermitAll
    @Operation(summary = "Get an exercise by id or slug", description = "Retired exercises stay readable.")
    public ExerciseResponse get(@PathParam("idOrSlug") String idOrSlug) {
        return catalog.find(idOrSlug)
                .map(ExerciseMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("exercise '" + idOrSlug + "'"));
    }

    private static int wholeNumber(String field, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ProblemException.invalidField(field, "must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "'" + value + "' is not a whole number");
        }
    }
}
