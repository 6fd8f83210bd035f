package org.backcare.session.rest;

import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SetEntity;
import org.backcare.session.service.SessionRecorder;

/** Requests to commands, entities to responses, field by field. */
final class SessionMapper {

    private SessionMapper() {}

    static SessionRecorder.NewSession toCommand(StartSessionRequest r) {
        return new SessionRecorder.NewSession(
                r.id(), r.routineId(), r.startedAt(), r.timeZone(), r.painBefore(), r.notes());
    }

    static SessionRecorder.NewSet toCommand(RecordSetRequest r) {
        return new SessionRecorder.NewSet(
                r.id(),
                r.exerciseId(),
                r.side(),
                r.holdSeconds(),
                r.reps(),
                r.targetHoldSeconds(),
                r.targetReps(),
                r.pain(),
                r.recordedAt());
    }

    static SessionResponse toResponse(SessionEntity s) {
        return new SessionResponse(
                s.id,
                s.userId,
                s.routineId,
                s.startedAt,
                s.endedAt,
                s.timeZone,
                s.painBefore,
                s.painAfter,
                s.notes,
                s.status,
                s.sets.stream().map(SessionMapper::toResponse).toList());
    }

    static SessionResponse.SetResponse toResponse(SetEntity s) {
        return new SessionResponse.SetResponse(
                s.id,
                s.exerciseId,
                s.side,
                s.holdSeconds,
                s.reps,
                s.targetHoldSeconds,
                s.targetReps,
                s.pain,
                s.recordedAt);
    }
}
