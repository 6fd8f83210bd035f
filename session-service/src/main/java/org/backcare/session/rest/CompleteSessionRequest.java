package org.backcare.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a session ended: when (defaults to now), pain afterwards, notes. */
@Schema(name = "CompleteSession")
public record CompleteSessionRequest(
        OffsetDateTime endedAt,
        @Min(0) @Max(10) Integer painAfter,
        @Size(max = 2000) String notes) {}
