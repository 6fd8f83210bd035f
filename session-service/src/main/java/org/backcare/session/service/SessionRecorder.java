package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.backcare.domain.ConflictException;
import org.backcare.domain.NoSuchResourceException;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.domain.Side;
import org.backcare.session.event.SessionDeleted;
import org.backcare.session.event.SessionEventPublisher;
import org.backcare.session.event.SetCorrected;
import org.backcare.session.repository.RetiredIds;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionRepository;
import org.backcare.session.repository.SetEntity;
import org.backcare.session.repository.SetRows;

/**
 * Records sessions and sets. Each write and its event commit in one transaction (the outbox), under a per-user
 * lock, so an acknowledged write always has its event and each user's events keep their order.
 */
@ApplicationScoped
public class SessionRecorder {

    private final SessionRepository sessions;
    private final SetRows setRows;
    private final SetRules rules;
    private final SessionEventPublisher events;
    private final RetiredIds retired;
    private final Clock clock;

    public SessionRecorder(
            SessionRepository sessions,
            SetRows setRows,
            SetRules rules,
            SessionEventPublisher events,
            RetiredIds retired,
            Clock clock) {
        this.sessions = sessions;
        this.setRows = setRows;
        this.rules = rules;
        this.events = events;
        this.retired = retired;
        this.clock = clock;
    }

    /** The checks of {@link #start} that need no stored state (the time zone, a start not in the future). */
    public void checkStart(NewSession request) {
        OffsetDateTime now = now();
        rules.checkStart(request.timeZone(), request.startedAt() == null ? now : request.startedAt(), now);
    }

    /** Starts a session; repeating the same start is answered with the existing session (created = false). */
    @Transactional
    public Started start(String userId, NewSession request) {
        // a repeated start is still checked: a malformed one never answers with the session it repeats
        checkStart(request);
        OffsetDateTime now = now();
        sessions.lockUser(userId);
        Optional<SessionEntity> existing = sessions.findByIdOptional(request.id());
        if (existing.isPresent()) {
            if (!existing.get().userId.equals(userId)) {
                throw new ConflictException("session id " + request.id() + " is already taken; choose another");
            }
            existing.get().sets.size(); // answered after the transaction: load the sets now
            return new Started(existing.get(), false);
        }
        if (retired.isRetired(request.id())) {
            throw new ConflictException(
                    "session id " + request.id() + " belonged to a deleted session; choose another");
        }
        SessionEntity session = new SessionEntity();
        session.id = request.id();
        session.userId = userId;
        session.routineId = request.routineId();
        session.startedAt = request.startedAt() == null ? now : micros(request.startedAt());
        session.timeZone = request.timeZone();
        session.painBefore = request.painBefore();
        session.notes = request.notes();
        session.status = SessionStatus.IN_PROGRESS;
        session.createdAt = now;
        sessions.persist(session);
        events.sessionStarted(SessionEvents.started(session));
        return new Started(session, true);
    }

    /**
     * Records a set in the user's open session, after the rules of {@link SetRules} accept it. A stranger's session
     * answers 404 before any 422 about the exercise. The most frequent write, so it goes through {@link SetRows}
     * (plain JDBC in a datasource transaction of its own): the user's and the session's locks in one statement, the
     * set's row with its event's outbox row in another, the commit. The exercise is looked up before the
     * transaction takes its connection (a lookup that misses the replica's memory needs a connection of its own, and
     * must not wait for the pool while holding one), and its refusal is raised once the session is known to be the
     * user's.
     */
    public Recorded record(String userId, UUID sessionId, NewSet request, Supplier<ExerciseSnapshot> exerciseOf) {
        ExerciseSnapshot found = null;
        RuntimeException refused = null;
        try {
            found = exerciseOf.get();
        } catch (RuntimeException e) {
            refused = e;
        }
        ExerciseSnapshot exercise = found;
        RuntimeException exerciseRefused = refused;
        return setRows.inTransaction(tx -> {
            SessionEntity session = tx.lockSession(userId, sessionId)
                    .orElseThrow(() -> new NoSuchResourceException("session " + sessionId));
            if (exerciseRefused != null) {
                throw exerciseRefused;
            }
            if (request.id() != null) {
                SetRows.SetIdUse use = tx.use(request.id(), session);
                if (use.set() != null) {
                    if (use.sessionId().equals(session.id) && sameSet(use.set(), request)) {
                        return new Recorded(use.set(), false); // a retry of a recorded set: same answer, nothing new
                    }
                    throw new ConflictException("set id " + request.id() + " is already taken; choose another");
                }
                if (use.retired()) {
                    throw new ConflictException(
                            "set id " + request.id() + " belonged to a deleted set; choose another");
                }
            }
            OffsetDateTime now = now();
            SetEntity set = newSet(session, request, exercise, now);
            rules.checkSet(session, set, exercise, now);
            tx.insert(set, SessionEventPublisher.setRecordedEntry(SessionEvents.recorded(session, set)));
            return new Recorded(set, true);
        });
    }

    private static SetEntity newSet(
            SessionEntity session, NewSet request, ExerciseSnapshot exercise, OffsetDateTime now) {
        SetEntity set = new SetEntity();
        set.id = request.id() == null ? UUID.randomUUID() : request.id();
        set.session = session;
        set.snapshot(exercise);
        set.side = request.side();
        set.holdSeconds = request.holdSeconds();
        set.reps = request.reps();
        set.targetHoldSeconds = request.targetHoldSeconds();
        set.targetReps = request.targetReps();
        set.pain = request.pain();
        set.recordedAt = request.recordedAt() == null ? now : micros(request.recordedAt());
        set.createdAt = now;
        return set;
    }

    /**
     * Records a whole imported session's sets at once, inside the import's transaction (which holds the user's
     * lock): the session is read once, the client's set ids are checked in one query, and the set rows go to the
     * database in JDBC batches. A set id repeated with the same content counts once, as a retry would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String userId, UUID sessionId, List<NewSet> requests, Map<UUID, ExerciseSnapshot> exercises) {
        SessionEntity session = owned(userId, sessionId);
        List<UUID> ids =
                requests.stream().map(NewSet::id).filter(Objects::nonNull).toList();
        if (!ids.isEmpty() && (SetEntity.count("id in ?1", ids) > 0 || retired.anyRetired(ids))) {
            throw new ConflictException("a set id of this session is already taken; choose others");
        }
        Map<UUID, NewSet> byId = new HashMap<>();
        OffsetDateTime now = now();
        for (NewSet request : requests) {
            if (request.id() != null) {
                NewSet earlier = byId.putIfAbsent(request.id(), request);
                if (earlier != null) {
                    if (earlier.equals(request)) {
                        continue;
                    }
                    throw new ConflictException("set id " + request.id() + " is used twice; choose another");
                }
            }
            ExerciseSnapshot exercise = exercises.get(request.exerciseId());
            SetEntity set = newSet(session, request, exercise, now);
            rules.checkSet(session, set, exercise, now);
            session.sets.add(set);
            set.persist();
            events.setRecorded(SessionEvents.recorded(session, set));
        }
    }

    /**
     * Deletes a set as a correction, at any time (also once the session is completed or was imported); its event
     * lets consumers reverse exactly what the set added.
     */
    @Transactional
    public void deleteSet(String userId, UUID sessionId, UUID setId) {
        sessions.lockUser(userId);
        SessionEntity session = owned(userId, sessionId);
        SetEntity set = setOf(session, setId);
        retired.retireSet(set.id);
        session.sets.remove(set);
        set.delete();
        events.setDeleted(SessionEvents.deleted(session, set, now()));
    }

    /**
     * Corrects a set's seconds, repetitions or pain, at any time (a mistake noticed after the session, or in a
     * session done offline); a correction that changes nothing emits nothing. Each correction counts up the set's
     * revision, from which its event's id derives (EventIds.setCorrected).
     */
    @Transactional
    public SetEntity correctSet(String userId, UUID sessionId, UUID setId, Correction correction) {
        sessions.lockUser(userId);
        SessionEntity session = owned(userId, sessionId);
        SetEntity set = setOf(session, setId);
        rules.checkCorrection(set, correction.holdSeconds(), correction.reps(), correction.pain());
        var previous = new SetCorrected.Previous(set.holdSeconds, set.reps, set.pain);
        Integer hold = correction.holdSeconds() != null ? correction.holdSeconds() : set.holdSeconds;
        Integer reps = correction.reps() != null ? correction.reps() : set.reps;
        Integer pain = correction.pain() != null ? correction.pain() : set.pain;
        if (Objects.equals(hold, set.holdSeconds) && Objects.equals(reps, set.reps) && Objects.equals(pain, set.pain)) {
            return set;
        }
        set.holdSeconds = hold;
        set.reps = reps;
        set.pain = pain;
        set.revision++;
        events.setCorrected(SessionEvents.corrected(session, set, previous, now()));
        return set;
    }

    /** Deletes a whole session with its sets, at any time; its event names the sets, for consumers to reverse. */
    @Transactional
    public void deleteSession(String userId, UUID sessionId) {
        sessions.lockUser(userId);
        SessionEntity session = owned(userId, sessionId);
        List<UUID> setIds = session.sets.stream().map(s -> s.id).toList();
        retired.retireSession(session.id);
        events.sessionDeleted(new SessionDeleted(
                UUID.randomUUID(), now(), userId, session.id, session.startedAt, session.timeZone, setIds));
        sessions.delete(session); // its sets go with it (cascade)
    }

    /** Completes the session: no new sets after it (corrections stay possible); its event carries the summary. */
    @Transactional
    public SessionEntity complete(String userId, UUID sessionId, Completion completion) {
        sessions.lockUser(userId);
        SessionEntity session = owned(userId, sessionId);
        rules.checkOpen(session);
        OffsetDateTime now = now();
        OffsetDateTime endedAt = completion.endedAt() == null ? now : micros(completion.endedAt());
        rules.checkEnd(session, endedAt, now);
        session.endedAt = endedAt;
        session.painAfter = completion.painAfter();
        if (completion.notes() != null) {
            session.notes = completion.notes();
        }
        session.status = SessionStatus.COMPLETED;
        session.completedAt = now;
        events.sessionCompleted(SessionEvents.completed(session, session.sets));
        return session;
    }

    private static SetEntity setOf(SessionEntity session, UUID setId) {
        return session.sets.stream()
                .filter(s -> s.id.equals(setId))
                .findFirst()
                .orElseThrow(() -> new NoSuchResourceException("set " + setId + " of session " + session.id));
    }

    private SessionEntity owned(String userId, UUID sessionId) {
        return sessions.findOwnedForUpdate(sessionId, userId)
                .orElseThrow(() -> new NoSuchResourceException("session " + sessionId));
    }

    private static boolean sameSet(SetEntity set, NewSet request) {
        return set.exerciseId.equals(request.exerciseId())
                && Objects.equals(set.side, request.side())
                && Objects.equals(set.holdSeconds, request.holdSeconds())
                && Objects.equals(set.reps, request.reps());
    }

    /**
     * Now, to the microsecond the database keeps: an event's time is stored on its row (created_at,
     * completed_at), and the history stream re-expresses it from there exactly.
     */
    private OffsetDateTime now() {
        return micros(OffsetDateTime.now(clock));
    }

    /** A time as the database keeps it (UTC, microseconds), so the events carry what the rows hold. */
    static OffsetDateTime micros(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public record Started(SessionEntity session, boolean created) {}

    public record Recorded(SetEntity set, boolean created) {}

    /** A session as a client asks to start it. */
    public record NewSession(
            UUID id, UUID routineId, OffsetDateTime startedAt, String timeZone, Integer painBefore, String notes) {}

    /** A set as a client asks to record it. */
    public record NewSet(
            UUID id,
            UUID exerciseId,
            Side side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            OffsetDateTime recordedAt) {}

    /** What a correction changes; null leaves a value as it is. */
    public record Correction(Integer holdSeconds, Integer reps, Integer pain) {}

    /** How a session ended. */
    public record Completion(OffsetDateTime endedAt, Integer painAfter, String notes) {}
}
