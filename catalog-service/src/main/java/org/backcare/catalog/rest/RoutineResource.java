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
import org.backcare.catalog.service.RoutineCatalog;
import org.backcare.catalog.service.RoutineCatalog.ResolvedRoutine;
import org.backcare.catalog.service.RoutineDraft;
import org.backcare.idempotency.IdempotentRequests;
import org.backcare.problem.Fields;
import org.backcare.problem.Paging;
import org.backcare.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Routines built from the catalog's exercises. Reads are public; writes need the admin role. */
@Path("/routines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Routines")
public class RoutineResource {

    private final RoutineCatalog routines;
    private final IdempotentRequests idempotency;
    private final JsonWebToken token;

    public RoutineResource(RoutineCatalog routines, IdempotentRequests idempotency, JsonWebToken token) {
        this.routines = routines;
        this.idempotency = idempotency;
        this.token = token;
    }

    @GET
    @PermitAll
    @Operation(summary = "List routines", description = "Published routines unless status=RETIRED is asked for.")
    public PageResponse<RoutineResponse> list(
            @Parameter(description = "PUBLISHED (default) or RETIRED") @QueryParam("status") String status,
            @Parameter(description = "Zero-based page; page × size at most 2147483647")
                    @QueryParam("page")
                    @DefaultValue("0")
                    String page,
            @Parameter(description = "Page size, 1 to 100 (larger is capped)") @QueryParam("size") @DefaultValue("20")
                    String size) {
        Paging paging = Paging.of(page, size);
        var result =
                routines.search(Fields.enumValue(ExerciseStatus.class, "status", status), paging.page(), paging.size());
        return new PageResponse<>(
                result.items().stream().map(RoutineResource::toResponse).toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GET
    @Path("/{idOrSlug}")
    @PermitAll
    @Operation(summary = "Get a routine by id or slug")
    public Response get(@PathParam("idOrSlug") String idOrSlug) {
        ResolvedRoutine routine =
                routines.find(idOrSlug).orElseThrow(() -> ProblemException.notFound("routine '" + idOrSlug + "'"));
        return Response.ok(toResponse(routine))
                .tag(ETags.of(routine.routine().version))
                .build();
    }

    @POST
    @RolesAllowed("admin")
    @Operation(
            summary = "Create a routine (admin)",
            description = "Entries must reference published exercises (422 otherwise). Honours Idempotency-Key:"
                    + " a retry with the same key and body gets the same answer.")
    public Response create(
            @Valid @NotNull RoutineRequest request, @HeaderParam(IdempotentRequests.HEADER) String key, UriInfo uri) {
        return idempotency.handle(Callers.subject(token), key, "POST /routines", request, () -> {
            ResolvedRoutine created = routines.create(toDraft(request));
            return Response.created(uri.getAbsolutePathBuilder()
                            .path(created.routine().id.toString())
                            .build())
                    .tag(ETags.of(created.routine().version))
                    .entity(toResponse(created))
                    .build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Replace a routine (admin)", description = "Needs If-Match: 428 without it, 412 when stale.")
    public Response replace(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull RoutineRequest request) {
        ResolvedRoutine updated = routines.replace(id, ETags.required(ifMatch), toDraft(request));
        return Response.ok(toResponse(updated))
                .tag(ETags.of(updated.routine().version))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Retire a routine (admin)", description = "Soft: it stays readable by id and slug.")
    public Response retire(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ResolvedRoutine retired = routines.retire(id, ETags.optional(ifMatch));
        return Response.noContent().tag(ETags.of(retired.routine().version)).build();
    }

    private static RoutineDraft toDraft(RoutineRequest r) {
        return new RoutineDraft(
                r.slug(),
                r.name().trim(),
                r.description().trim(),
                r.weeklyTarget(),
                r.entries().stream()
                        .map(e -> new RoutineDraft.Entry(
                                e.exerciseId(),
                                e.prescription() == null
                                        ? null
                                        : e.prescription().asPrescription()))
                        .toList(),
                r.status());
    }

    private static RoutineResponse toResponse(ResolvedRoutine resolved) {
        var r = resolved.routine();
        return new RoutineResponse(
                r.id,
                r.slug,
                r.name,
                r.description,
                r.weeklyTarget,
                r.status,
                r.version,
                resolved.steps().stream()
                        .map(step -> new RoutineResponse.Entry(
                                step.position(),
                                step.exercise().id,
                                step.exercise().slug,
                                step.exercise().name,
                                step.exercise().measurement,
                                step.exercise().sided,
                                new ExerciseResponse.PrescriptionResponse(
                                        step.prescription().holdSeconds(),
                                        step.prescription().repsMin(),
                                        step.prescription().repsMax(),
                                        step.prescription().sets())))
                        .toList());
    }
}
