package org.backcare.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Starts a session. The client chooses the id, so a retry of the same start is harmless. */
@Schema(name = "StartSession")
public record StartSessionRequest(
        @NotNull @Schema(description = "Client-chosen UUID") UUID id,
        UUID routineId,
        @Schema(description = "Defaults to now") OffsetDateTime startedAt,

        @NotBlank @Size(max = 64) @Schema(example = "Europe/Berlin", description = "IANA time zone")
        String timeZone,

        @Min(0) @Max(10) Integer painBefore,
        @Size(max = 2000) String notes) {}
