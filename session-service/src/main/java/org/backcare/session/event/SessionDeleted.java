package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * workout.session.deleted.v1: a whole session was deleted with its sets, at any time (also after it was completed
 * or imported). Names the sets it took with it, so a consumer can reverse each of them.
 */
public record SessionDeleted(
        UUID id,
        OffsetDateTime occurredAt,
        String userId,
        UUID sessionId,
        OffsetDateTime startedAt,
        String timeZone,
        List<UUID> setIds) {

    public static final String TYPE = "workout.session.deleted.v1";
}
