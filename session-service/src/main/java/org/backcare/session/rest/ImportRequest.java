package org.backcare.session.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whole sessions recorded offline, with their sets. Ids are the client's, so uploading twice is harmless. */
@Schema(name = "ImportSessions")
public record ImportRequest(@NotEmpty @Size(max = 100) List<@NotNull @Valid Session> sessions) {

    /** One session; with endedAt it is imported completed. */
    @Schema(name = "ImportedSession")
    public record Session(
            @NotNull UUID id,
            UUID routineId,
            @NotNull OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            @NotBlank @Size(max = 64) String timeZone,
            @Min(0) @Max(10) Integer painBefore,
            @Min(0) @Max(10) Integer painAfter,
            @Size(max = 2000) String notes,
            @NotNull @Size(max = 500) List<@NotNull @Valid RecordSetRequest> sets) {}
}
