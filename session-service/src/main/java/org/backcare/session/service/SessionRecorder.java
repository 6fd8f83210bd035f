package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.backcare.problem.ProblemException;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.event.SessionEventPublisher;
import org.backcare.session.event.SessionStarted;
import org.backcare.session.event.SetRecorded;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionRepository;
import org.backcare.session.repository.SetEntity;

/**
 * Records sessions and sets. Each write and its event commit in one transaction (the outbox), under a per-user
 * lock, so an acknowledged write always has its event and each user's events keep their order.
 */
@ApplicationScoped
public class SessionRecorder {

    private final SessionRepository sessions;
    private final SetRules rules;
    private final SessionEventPublisher events;
    private final Clock clock;

    public SessionRecorder(SessionRepository sessions, SetRules rules, SessionEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** Starts a session; repeating the same start is answered with the existing session (created = false). */
    @Transactional
    public Started start(String userId, NewSession request) {
        sessions.lockUser(userId);
        Optional<SessionEntity> existing = sessions.findByIdOptional(request.id());
        if (existing.isPresent()) {
            if (!existing.get().userId.equals(userId)) {
                throw ProblemException.conflict("session id " + request.id() + " is already taken; choose another");
            }
            existing.get().sets.size(); // answered after the transaction: load the sets now
            return new Started(existing.get(), false);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        SessionEntity session = new SessionEntity();
        session.id = request.id();
        session.userId = userId;
        session.routineId = request.routineId();
        session.startedAt = request.startedAt() == null ? now : request.startedAt();
        session.timeZone = request.timeZone();
        session.painBefore = request.painBefore();
        session.notes = request.notes();
        session.status = SessionStatus.IN_PROGRESS;
        session.createdAt = now;
        rules.checkStart(session, now);
        sessions.persist(session);
        events.sessionStarted(new SessionStarted(
                UUID.randomUUID(),
                now,
                userId,
                session.id,
                session.routineId,
                session.startedAt,
                session.timeZone,
                session.painBefore));
        return new Started(session, true);
    }

    /** Records a set in the user's open session, after the rules of {@link SetRules} accept it. */
    @Transactional
    public SetEntity record(String userId, UUID sessionId, NewSet request, ExerciseSnapshot exercise) {
        sessions.lockUser(userId);
        SessionEntity session = sessions.findOwnedForUpdate(sessionId, userId)
                .orElseThrow(() -> ProblemException.notFound("session " + sessionId));
        if (request.id() != null) {
            SetEntity earlier = SetEntity.findById(request.id());
            if (earlier != null) {
                if (earlier.session.id.equals(session.id)) {
                    return earlier; // a retry of a set that was recorded: same answer, nothing new
                }
                throw ProblemException.conflict("set id " + request.id() + " is already taken; choose another");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        SetEntity set = new SetEntity();
        set.id = request.id() == null ? UUID.randomUUID() : request.id();
        set.session = session;
        set.exerciseId = exercise.id();
        set.side = request.side();
        set.holdSeconds = request.holdSeconds();
        set.reps = request.reps();
        set.targetHoldSeconds = request.targetHoldSeconds();
        set.targetReps = request.targetReps();
        set.pain = request.pain();
        set.recordedAt = request.recordedAt() == null ? now : request.recordedAt();
        rules.checkSet(session, set, exercise, now);
        session.sets.add(set);
        set.persist();
        events.setRecorded(new SetRecorded(
                UUID.randomUUID(),
                now,
                userId,
                session.id,
                set.id,
                new SetRecorded.Exercise(
                        exercise.id(),
                        exercise.slug(),
                        exercise.name(),
                        exercise.regions(),
                        exercise.measurement(),
                        exercise.sided()),
                set.side,
                set.holdSeconds,
                set.reps,
                set.targetHoldSeconds,
                set.targetReps,
                set.pain,
                set.recordedAt,
                session.timeZone));
        return set;
    }

    @Transactional
    public Optional<SessionEntity> find(String userId, UUID sessionId) {
        Optional<SessionEntity> session = sessions.findOwned(sessionId, userId);
        session.ifPresent(s -> s.sets.size());
        return session;
    }

    public record Started(SessionEntity session, boolean created) {}

    /** A session as a client asks to start it. */
    public record NewSession(
            UUID id, UUID routineId, OffsetDateTime startedAt, String timeZone, Integer painBefore, String notes) {}

    /** A set as a client asks to record it. */
    public record NewSet(
            UUID id,
            UUID exerciseId,
            org.backcare.session.domain.Side side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            OffsetDateTime recordedAt) {}
}
