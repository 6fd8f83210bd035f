package org.backcare.session.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * workout.user.erased.v1: everything the session-service held about a user was erased (DELETE /me); consumers
 * erase what they derived from the user's events. Emitted also when there was nothing to erase, so it is safe to
 * act on more than once.
 */
public record UserErased(UUID id, OffsetDateTime occurredAt, String userId) {

    public static final String TYPE = "workout.user.erased.v1";
}
