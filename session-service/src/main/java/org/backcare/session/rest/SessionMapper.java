package org.backcare.session.rest;

import java.util.List;
import org.backcare.problem.ProblemException;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SetEntity;
import org.backcare.session.service.SessionImporter;
import org.backcare.session.service.SessionRecorder;
import org.backcare.session.service.SetRules;

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

    static SessionRecorder.Completion toCommand(CompleteSessionRequest r) {
        return r == null
                ? new SessionRecorder.Completion(null, null, null)
                : new SessionRecorder.Completion(r.endedAt(), r.painAfter(), r.notes());
    }

    static List<SessionImporter.ImportedSession> toCommands(ImportRequest request) {
        List<SessionImporter.ImportedSession> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < request.sessions().size(); i++) {
            ImportRequest.Session s = request.sessions().get(i);
            if (s.painAfter() != null && s.endedAt() == null) {
                throw ProblemException.invalidField(
                        "sessions[" + i + "].painAfter", "only for a completed session: give endedAt too");
            }
            sessions.add(toCommand(s));
        }
        return sessions;
    }

    static SessionImporter.ImportedSession toCommand(ImportRequest.Session s) {
        return new SessionImporter.ImportedSession(
                new SessionRecorder.NewSession(
                        s.id(), s.routineId(), s.startedAt(), s.timeZone(), s.painBefore(), s.notes()),
                s.sets().stream().map(SessionMapper::toCommand).toList(),
                s.endedAt() == null ? null : new SessionRecorder.Completion(s.endedAt(), s.painAfter(), null));
    }

    static ImportResponse toResponse(List<SessionImporter.Outcome> outcomes) {
        return new ImportResponse(
                count(outcomes, SessionImporter.Status.IMPORTED),
                count(outcomes, SessionImporter.Status.ALREADY_IMPORTED),
                count(outcomes, SessionImporter.Status.REJECTED),
                outcomes.stream()
                        .map(o -> new ImportResponse.Result(
                                o.id(),
                                o.status(),
                                o.sets(),
                                o.rejection() == null
                                        ? null
                                        : ProblemException.from(o.rejection()).toProblem()))
                        .toList());
    }

    private static int count(List<SessionImporter.Outcome> outcomes, SessionImporter.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
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
                s.recordedAt,
                SetRules.warningsFor(s.pain).stream()
                        .map(w -> new SessionResponse.Warning(w.code(), w.message()))
                        .toList());
    }

    static SessionRecorder.Correction toCommand(CorrectSetRequest r) {
        return new SessionRecorder.Correction(r.holdSeconds(), r.reps(), r.pain());
    }
}
