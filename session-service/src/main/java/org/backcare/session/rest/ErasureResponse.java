package org.backcare.session.rest;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What DELETE /me erased here; the progress-service follows from workout.user.erased.v1. */
@Schema(name = "Erasure")
public record ErasureResponse(
        String userId,
        OffsetDateTime erasedAt,
        @Schema(description = "sessions erased") int sessions,
        @Schema(description = "sets erased") int sets) {}
