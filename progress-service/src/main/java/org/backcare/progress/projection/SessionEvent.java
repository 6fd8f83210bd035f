package org.backcare.progress.projection;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An event of workout.session-events as the progress-service reads it: the CloudEvent's id and the fields of its
 * data this service needs. The session-service owns the schemas (its contracts/ folder); these are consumer views.
 */
public sealed interface SessionEvent {

    String SESSION_STARTED = "workout.session.started.v1";
    String SET_RECORDED = "workout.set.recorded.v1";
    String SET_DELETED = "workout.set.deleted.v1";
    String SESSION_COMPLETED = "workout.session.completed.v1";
    String SET_CORRECTED = "workout.set.corrected.v1";
    String SESSION_DELETED = "workout.session.deleted.v1";
    String USER_ERASED = "workout.user.erased.v1";

    Set<String> KNOWN_TYPES = Set.of(
            SESSION_STARTED, SET_RECORDED, SET_DELETED, SESSION_COMPLETED, SET_CORRECTED, SESSION_DELETED, USER_ERASED);

    /** The CloudEvent id: what makes a redelivery or a replay recognisable. */
    UUID eventId();

    String type();

    String userId();

    /** The session the event is about; null for {@link UserErased}, which is about every session of the user. */
    UUID sessionId();

    /**
     * Ids of other events this one already reflects: a set.recorded line of the session-service's history stream
     * for a corrected set names the set.corrected events folded into it (its {@code supersedes} attribute). They
     * count as processed with it, so the live events they name change nothing afterwards.
     */
    default List<UUID> supersedes() {
        return List.of();
    }

    /** workout.session.started.v1. */
    record SessionStarted(
            UUID eventId,
            String userId,
            UUID sessionId,
            UUID routineId,
            OffsetDateTime startedAt,
            ZoneId timeZone,
            Integer painBefore)
            implements SessionEvent {
        @Override
        public String type() {
            return SESSION_STARTED;
        }
    }

    /** workout.set.recorded.v1; {@code side} is "" for an exercise that is not sided. */
    record SetRecorded(
            UUID eventId,
            String userId,
            UUID sessionId,
            UUID setId,
            ExerciseSnapshot exercise,
            String side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            OffsetDateTime recordedAt,
            ZoneId timeZone,
            List<UUID> supersedes)
            implements SessionEvent {
        @Override
        public String type() {
            return SET_RECORDED;
        }
    }

    /** workout.set.deleted.v1: a correction; it carries what the set was, so a tombstone can be written. */
    record SetDeleted(
            UUID eventId,
            String userId,
            UUID sessionId,
            UUID setId,
            ExerciseSnapshot exercise,
            String side,
            Integer holdSeconds,
            Integer reps,
            Integer pain,
            OffsetDateTime recordedAt,
            ZoneId timeZone)
            implements SessionEvent {
        @Override
        public String type() {
            return SET_DELETED;
        }
    }

    /**
     * workout.set.corrected.v1: the set as it now is, in the shape of its recording (a set.recorded's fields), at any
     * time after it was recorded.
     */
    record SetCorrected(UUID eventId, SetRecorded set) implements SessionEvent {
        @Override
        public String type() {
            return SET_CORRECTED;
        }

        @Override
        public String userId() {
            return set.userId();
        }

        @Override
        public UUID sessionId() {
            return set.sessionId();
        }

        public UUID setId() {
            return set.setId();
        }
    }

    /** workout.session.deleted.v1: the session and every set of it are gone. */
    record SessionDeleted(UUID eventId, String userId, UUID sessionId, List<UUID> setIds) implements SessionEvent {
        @Override
        public String type() {
            return SESSION_DELETED;
        }
    }

    /** workout.session.completed.v1. */
    record SessionCompleted(
            UUID eventId,
            String userId,
            UUID sessionId,
            UUID routineId,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            ZoneId timeZone,
            Integer painBefore,
            Integer painAfter)
            implements SessionEvent {
        @Override
        public String type() {
            return SESSION_COMPLETED;
        }
    }

    /**
     * workout.user.erased.v1: the person asked to be forgotten. Every row of the user goes, in every table, and no
     * processed-event row is kept for the erasure itself (erasing again changes nothing).
     */
    record UserErased(UUID eventId, String userId, OffsetDateTime occurredAt) implements SessionEvent {
        @Override
        public String type() {
            return USER_ERASED;
        }

        @Override
        public UUID sessionId() {
            return null;
        }
    }

    /** The exercise as a set event describes it. */
    record ExerciseSnapshot(
            UUID id, String slug, String name, List<String> regions, String measurement, boolean sided) {}
}
