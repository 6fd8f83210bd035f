package org.backcare.catalog.rest;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.backcare.catalog.domain.GuidelineCategory;
import org.backcare.catalog.repository.GuidelineEntity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The article's general stretching guidelines, in its order. Public. */
@Path("/guidelines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Guidelines")
public class GuidelineResource {

    @GET
    @PermitAll
    @Operation(
            summary = "The stretching guidelines",
            description = "Safety, preparation, technique and the default prescription.")
    public Guidelines list() {
        List<GuidelineEntity> rows = GuidelineEntity.listAll(Sort.by("position"));
        return new Guidelines(rows.stream()
                .map(g -> new Guideline(g.position, g.code, g.category, g.title, g.text))
                .toList());
    }

    /** All guidelines. */
    @Schema(name = "Guidelines")
    public record Guidelines(List<Guideline> items) {}

    /** One guideline. */
    @Schema(name = "Guideline")
    public record Guideline(
            int position,
            @Schema(example = "never-strain") String code,
            GuidelineCategory category,
            @Schema(example = "Never strain or cause pain") String title,
            String text) {}
}
