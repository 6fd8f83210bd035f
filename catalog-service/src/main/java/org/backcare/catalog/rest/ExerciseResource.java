package org.backcare.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.service.ExerciseCatalog;
import org.backcare.catalog.service.ExerciseEditor;
import org.backcare.idempotency.IdempotentRequests;
import org.backcare.problem.Fields;
import org.backcare.problem.Paging;
import org.backcare.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The exercise catalog. Reads are public: the catalog holds no personal data, apps show it before login and the
 * session-service's fallback reads it without a token. Writes need the admin role.
 */
@Path("/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exercises")
public class ExerciseResource {

    private final ExerciseCatalog catalog;
    private final ExerciseEditor editor;
    private final IdempotentRequests idempotency;
    private final JsonWebToken token;

    public ExerciseResource(
            ExerciseCatalog catalog, ExerciseEditor editor, IdempotentRequests idempotency, JsonWebToken token) {
        this.catalog = catalog;
        this.editor = editor;
        this.idempotency = idempotency;
        this.token = token;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "List exercises",
            description = "Published exercises unless status=RETIRED is asked for; ordered by name.")
    public PageResponse<ExerciseResponse> list(
            @Parameter(description = "NECK, SHOULDERS, UPPER_BACK, LOWER_BACK, CORE, HIPS, GLUTES, HAMSTRINGS")
                    @QueryParam("region")
                    String region,
            @Parameter(description = "STRETCH, STRENGTH, MOBILITY") @QueryParam("kind") String kind,
            @Parameter(description = "HOLD, REPS") @QueryParam("measurement") String measurement,
            @Parameter(description = "Free text over name and summary, at most 200 characters", example = "neck")
                    @QueryParam("q")
                    String text,
            @Parameter(description = "PUBLISHED (default) or RETIRED") @QueryParam("status") String status,
            @Parameter(description = "Zero-based page; page × size at most 2147483647")
                    @QueryParam("page")
                    @DefaultValue("0")
                    String page,
            @Parameter(description = "Page size, 1 to 100 (larger is capped)") @QueryParam("size") @DefaultValue("20")
                    String size) {
        Paging paging = Paging.of(page, size);
        var search = new ExerciseCatalog.ExerciseSearch(
                Fields.enumValue(Region.class, "region", region),
                Fields.enumValue(Kind.class, "kind", kind),
                Fields.enumValue(Measurement.class, "measurement", measurement),
                Fields.freeText("q", text, 200),
                Fields.enumValue(ExerciseStatus.class, "status", status),
                paging.page(),
                paging.size());
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
    @Operation(
            summary = "Get an exercise by id or slug",
            description = "Retired exercises stay readable. The ETag is the version.")
    public Response get(@PathParam("idOrSlug") String idOrSlug) {
        ExerciseEntity exercise =
                catalog.find(idOrSlug).orElseThrow(() -> ProblemException.notFound("exercise '" + idOrSlug + "'"));
        return Response.ok(ExerciseMapper.toResponse(exercise))
                .tag(ETags.of(exercise.version))
                .build();
    }

    @POST
    @RolesAllowed("admin")
    @Operation(
            summary = "Create an exercise (admin)",
            description = "Honours Idempotency-Key: a retry with the same key and body gets the same answer.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it")
    @APIResponse(responseCode = "409", description = "The slug is taken")
    public Response create(
            @Valid @NotNull ExerciseRequest request, @HeaderParam(IdempotentRequests.HEADER) String key, UriInfo uri) {
        return idempotency.handle(Callers.subject(token), key, "POST /exercises", request, () -> {
            ExerciseEntity created = editor.create(ExerciseMapper.toDraft(request));
            return Response.created(uri.getAbsolutePathBuilder()
                            .path(created.id.toString())
                            .build())
                    .tag(ETags.of(created.version))
                    .entity(ExerciseMapper.toResponse(created))
                    .build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(
            summary = "Replace an exercise (admin)",
            description = "Needs If-Match with the ETag you read: 428 without it, 412 when someone changed it since.")
    public Response replace(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ExerciseRequest request) {
        ExerciseEntity updated = editor.replace(id, ETags.required(ifMatch), ExerciseMapper.toDraft(request));
        return Response.ok(ExerciseMapper.toResponse(updated))
                .tag(ETags.of(updated.version))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(
            summary = "Retire an exercise (admin)",
            description =
                    "Soft: it stays readable by id and slug, because history points at it. If-Match is honoured when sent.")
    @APIResponse(responseCode = "204", description = "Retired")
    public Response retire(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ExerciseEntity retired = editor.retire(id, ETags.optional(ifMatch));
        return Response.noContent().tag(ETags.of(retired.version)).build();
    }
}
