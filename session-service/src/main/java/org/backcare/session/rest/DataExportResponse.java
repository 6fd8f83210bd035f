package org.backcare.session.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.Measurement;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.domain.Side;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of GET /me/data. The document is streamed (written session by session, never held whole), so this
 * record names its fields and documents them; its nested records are what is written for each item.
 */
@Schema(
        name = "DataExport",
        description = "Everything the session-service holds about you. Deleted sets and sessions are not held any"
                + " more, so they are not in it; a corrected set shows its values as they now stand, and revision"
                + " counts its corrections.")
public record DataExportResponse(
        String userId,
        OffsetDateTime exportedAt,

        @Schema(description = "your sessions, oldest first, each with its sets")
        List<ExportedSession> sessions,

        @Schema(description = "what is kept of your requests that carried an Idempotency-Key")
        List<ExportedIdempotencyKey> idempotencyKeys) {

    static final String USER_ID = "userId";
    static final String EXPORTED_AT = "exportedAt";
    static final String SESSIONS = "sessions";
    static final String IDEMPOTENCY_KEYS = "idempotencyKeys";

    @Schema(name = "ExportedSession")
    public record ExportedSession(
            UUID id,
            UUID routineId,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            String timeZone,
            Integer painBefore,
            Integer painAfter,
            String notes,
            SessionStatus status,

            @Schema(description = "when the session was started here")
            OffsetDateTime createdAt,

            @Schema(description = "when the session was completed here")
            OffsetDateTime completedAt,

            List<ExportedSet> sets) {}

    @Schema(name = "ExportedSet")
    public record ExportedSet(
            UUID id,
            UUID exerciseId,

            @Schema(description = "the exercise as it was when the set was recorded")
            String exerciseSlug,

            String exerciseName,
            List<String> exerciseRegions,
            Measurement exerciseMeasurement,
            Boolean exerciseSided,
            Side side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            OffsetDateTime recordedAt,

            @Schema(description = "when the set was recorded here")
            OffsetDateTime createdAt,

            @Schema(description = "how many times the set was corrected (0: never); the values are the current ones")
            int revision,

            boolean corrected) {}

    @Schema(name = "ExportedIdempotencyKey")
    public record ExportedIdempotencyKey(
            String key,
            @Schema(example = "POST /sessions") String methodPath,

            @Schema(description = "the answer's HTTP status; 0 while the request had not finished")
            int status,

            OffsetDateTime createdAt) {}
}
