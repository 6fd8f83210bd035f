package org.backcare.session.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.event.EventIds;
import org.backcare.session.event.SessionCompleted;
import org.backcare.session.event.SessionStarted;
import org.backcare.session.event.SetCorrected;
import org.backcare.session.event.SetDeleted;
import org.backcare.session.event.SetRecorded;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SetEntity;

/**
 * The one definition of the events a session's rows stand for. The live writes (SessionRecorder) and the history
 * stream (SessionHistory) both build them here, from the rows, so a re-expressed event is the live one: same id
 * (EventIds), same time (the row's created_at or completed_at), same data.
 */
public final class SessionEvents {

    private SessionEvents() {}

    public static SessionStarted started(SessionEntity session) {
        return new SessionStarted(
                EventIds.sessionStarted(session.id),
                session.createdAt,
                session.userId,
                session.id,
                session.routineId,
                session.startedAt,
                session.timeZone,
                session.painBefore);
    }

    /** The set as it now stands (after its corrections, if any). */
    public static SetRecorded recorded(SessionEntity session, SetEntity set) {
        return new SetRecorded(
                EventIds.setRecorded(set.id),
                set.createdAt,
                session.userId,
                session.id,
                set.id,
                exerciseOf(set),
                set.side,
                set.holdSeconds,
                set.reps,
                set.targetHoldSeconds,
                set.targetReps,
                set.pain,
                set.recordedAt,
                session.timeZone);
    }

    /** The set's latest correction ({@code set.revision}), which replaced {@code previous}. */
    public static SetCorrected corrected(
            SessionEntity session, SetEntity set, SetCorrected.Previous previous, OffsetDateTime now) {
        return new SetCorrected(
                EventIds.setCorrected(set.id, set.revision),
                now,
                session.userId,
                session.id,
                set.id,
                exerciseOf(set),
                set.side,
                set.holdSeconds,
                set.reps,
                set.targetHoldSeconds,
                set.targetReps,
                set.pain,
                set.recordedAt,
                session.timeZone,
                previous);
    }

    /** A deletion leaves no row to derive an id from: a random one. */
    public static SetDeleted deleted(SessionEntity session, SetEntity set, OffsetDateTime now) {
        return new SetDeleted(
                UUID.randomUUID(),
                now,
                session.userId,
                session.id,
                set.id,
                exerciseOf(set),
                set.side,
                set.holdSeconds,
                set.reps,
                set.pain,
                set.recordedAt,
                session.timeZone);
    }

    /** A completed session with the summary of {@code sets} (at completion: the sets it then held). */
    public static SessionCompleted completed(SessionEntity session, List<SetEntity> sets) {
        long hold = sets.stream()
                .mapToLong(s -> s.holdSeconds == null ? 0 : s.holdSeconds)
                .sum();
        long reps = sets.stream().mapToLong(s -> s.reps == null ? 0 : s.reps).sum();
        int exercises = (int) sets.stream().map(s -> s.exerciseId).distinct().count();
        return new SessionCompleted(
                EventIds.sessionCompleted(session.id),
                session.completedAt,
                session.userId,
                session.id,
                session.routineId,
                session.startedAt,
                session.endedAt,
                session.timeZone,
                session.painBefore,
                session.painAfter,
                new SessionCompleted.Summary(
                        sets.size(),
                        hold,
                        reps,
                        exercises,
                        Math.max(
                                0,
                                Duration.between(session.startedAt, session.endedAt)
                                        .toSeconds())));
    }

    /** The exercise as it was when the set was recorded (the snapshot stored on the row). */
    public static SetRecorded.Exercise exerciseOf(SetEntity set) {
        return new SetRecorded.Exercise(
                set.exerciseId,
                set.exerciseSlug,
                set.exerciseName,
                List.copyOf(set.exerciseRegions),
                set.exerciseMeasurement,
                Boolean.TRUE.equals(set.exerciseSided));
    }
}
