package org.backcare.session.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.domain.ConflictException;
import org.backcare.domain.DomainException;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionRepository;

/**
 * Imports whole sessions recorded offline. Each session is all-or-nothing in its own transaction; a session
 * whose id the user already has is left as it is, so uploading the same batch again changes nothing.
 */
@ApplicationScoped
public class SessionImporter {

    private final SessionRecorder recorder;
    private final SessionRepository sessions;
    private final ExerciseLookup exercises;

    public SessionImporter(SessionRecorder recorder, SessionRepository sessions, ExerciseLookup exercises) {
        this.recorder = recorder;
        this.sessions = sessions;
        this.exercises = exercises;
    }

    public List<Outcome> importAll(String userId, List<ImportedSession> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ImportedSession session : batch) {
            outcomes.add(importOne(userId, session));
        }
        return outcomes;
    }

    private Outcome importOne(String userId, ImportedSession imported) {
        try {
            // checked before "already imported": a malformed session is rejected even when its id is known
            recorder.checkStart(imported.session());
            Map<UUID, ExerciseSnapshot> snapshots = new HashMap<>();
            for (int i = 0; i < imported.sets().size(); i++) {
                UUID exerciseId = imported.sets().get(i).exerciseId();
                if (!snapshots.containsKey(exerciseId)) {
                    snapshots.put(exerciseId, exercises.published(exerciseId, "sets[" + i + "].exerciseId"));
                }
            }
            return QuarkusTransaction.requiringNew().call(() -> {
                sessions.lockUser(userId);
                SessionEntity existing = sessions.findById(imported.session().id());
                if (existing != null) {
                    if (!existing.userId.equals(userId)) {
                        throw new ConflictException(
                                "session id " + imported.session().id() + " is already taken");
                    }
                    return new Outcome(imported.session().id(), Status.ALREADY_IMPORTED, existing.sets.size(), null);
                }
                recorder.start(userId, imported.session());
                recorder.recordAll(userId, imported.session().id(), imported.sets(), snapshots);
                if (imported.completion() != null) {
                    recorder.complete(userId, imported.session().id(), imported.completion());
                }
                return new Outcome(
                        imported.session().id(),
                        Status.IMPORTED,
                        imported.sets().size(),
                        null);
            });
        } catch (DomainException e) {
            return new Outcome(imported.session().id(), Status.REJECTED, 0, e);
        }
    }

    /** A whole session from an offline client; {@code completion} null leaves it in progress. */
    public record ImportedSession(
            SessionRecorder.NewSession session,
            List<SessionRecorder.NewSet> sets,
            SessionRecorder.Completion completion) {}

    public enum Status {
        IMPORTED,
        ALREADY_IMPORTED,
        REJECTED
    }

    /** What became of one session of the batch; {@code rejection} says why it was rejected (null otherwise). */
    public record Outcome(UUID id, Status status, int sets, DomainException rejection) {}
}
