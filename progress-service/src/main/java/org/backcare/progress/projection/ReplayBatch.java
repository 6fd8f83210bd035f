package org.backcare.progress.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.projection.FactWriter.SessionRow;
import org.backcare.progress.projection.FactWriter.SetRow;
import org.backcare.progress.projection.SessionEvent.ExerciseSnapshot;
import org.backcare.progress.projection.SessionEvent.SessionCompleted;
import org.backcare.progress.projection.SessionEvent.SessionDeleted;
import org.backcare.progress.projection.SessionEvent.SessionStarted;
import org.backcare.progress.projection.SessionEvent.SetCorrected;
import org.backcare.progress.projection.SessionEvent.SetDeleted;
import org.backcare.progress.projection.SessionEvent.SetRecorded;
import org.backcare.progress.projection.SessionEvent.UserErased;

/**
 * Events folded in memory, in their order, into the fact rows they leave behind, to be written with one statement
 * per kind of row: a poll of a rebuild, or a run of a live batch between two deletions. The folding follows what
 * {@link ProgressProjector} did event by event: a session's later events overwrite what its earlier ones said (an end
 * and the pain after are kept once known), a session first seen through a set starts with its first set, a set is
 * written by its first event (a deletion that comes before the recording leaves a tombstone that keeps the recording
 * out), a correction changes a set already written or written by this batch (never one it has not seen), and a
 * user's zone is their latest session's. An erasure drops what the batch folded for the user so far and erases
 * what earlier batches wrote, before this batch's facts are written.
 */
public final class ReplayBatch {

    final Map<UUID, SessionRow> sessions = new LinkedHashMap<>();
    final Map<UUID, SetRow> firstSetOfSession = new LinkedHashMap<>();
    final Map<UUID, String> firstSetZone = new HashMap<>();
    final Map<UUID, SetRow> recorded = new LinkedHashMap<>();
    final Map<UUID, SetRow> tombstones = new LinkedHashMap<>();
    private final Set<UUID> seenSets = new HashSet<>();
    final List<UUID> deleted = new ArrayList<>();
    final Map<UUID, SetRow> corrected = new LinkedHashMap<>();
    final List<UUID> deletedSessions = new ArrayList<>();
    /** The users whose sessions the batch started or completed: their zones are found anew from their sessions. */
    final Set<String> zoneUsers = new LinkedHashSet<>();

    final Map<UUID, ExerciseSnapshot> exercises = new LinkedHashMap<>();
    /** The users erased in this batch, each with the claims of the batch's events after the erasure. */
    final Map<String, List<UUID>> erased = new LinkedHashMap<>();

    /** The events (each applied once, in their order) folded. */
    static ReplayBatch of(Collection<? extends SessionEvent> events) {
        ReplayBatch batch = new ReplayBatch();
        events.forEach(batch::add);
        return batch;
    }

    /** The first sets of sessions, in order, and the zone each was recorded in. */
    List<SetRow> firstSets() {
        return List.copyOf(firstSetOfSession.values());
    }

    List<String> firstSetZones(List<SetRow> firstSets) {
        return firstSets.stream().map(s -> firstSetZone.get(s.sessionId())).toList();
    }

    /** Writes the events' facts (the ones not processed before); answers how many events were new. */
    public static int write(FactWriter facts, List<? extends SessionEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Map<UUID, SessionEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        Set<UUID> claimed = facts.claim(unique.values());
        List<SessionEvent> fresh = unique.values().stream()
                .filter(e -> e instanceof UserErased || claimed.contains(e.eventId()))
                .toList();
        ReplayBatch batch = new ReplayBatch();
        for (int i = 0; i < fresh.size(); i++) {
            batch.add(fresh.get(i));
            if (fresh.get(i) instanceof UserErased erasure) {
                List<UUID> later = new ArrayList<>();
                for (SessionEvent e : fresh.subList(i + 1, fresh.size())) {
                    later.add(e.eventId());
                    later.addAll(e.supersedes());
                }
                batch.erased.put(erasure.userId(), later);
            }
        }
        for (var erasure : batch.erased.entrySet()) {
            facts.eraseUser(erasure.getKey(), erasure.getValue());
        }
        facts.upsertSessions(List.copyOf(batch.sessions.values()));
        List<SetRow> firstSets = batch.firstSets();
        facts.sessionsFromSets(firstSets, batch.firstSetZones(firstSets));
        facts.rememberExercises(batch.exercises.values());
        facts.insertSets(List.copyOf(batch.recorded.values()), false);
        facts.correctSets(List.copyOf(batch.corrected.values()));
        facts.markDeleted(batch.deleted);
        facts.insertSets(List.copyOf(batch.tombstones.values()), false);
        facts.zonesOf(batch.zoneUsers);
        facts.deleteSessions(batch.deletedSessions);
        return fresh.size();
    }

    /** The columns {@link #copy} writes, in their order. */
    private static final String PROCESSED_COLUMNS = "event_id, type, user_id";

    private static final String SESSION_COLUMNS = "session_id, user_id, routine_id, started_at, time_zone, local_day,"
            + " pain_before, ended_at, pain_after, completed";
    private static final String SET_COLUMNS = "set_id, session_id, user_id, exercise_id, side, local_day, recorded_at,"
            + " hold_seconds, reps, target_hold_seconds, target_reps, pain, deleted";

    /**
     * Writes a rebuild's batch of history lines with binary COPY into new tables that hold none of its sessions yet
     * and have no keys yet: the history gives each session's lines together (its start, its sets, its end), so a
     * batch of whole sessions is folded here as {@link #write} folds events, and every row it leaves is new. Only the
     * history's kinds of events ({@link #inHistory}); the rollups and the users' zones come from all the facts at the
     * end ({@link Rollups}, {@link FactWriter#zonesFromSessions}). The exercises of the sets are remembered unless
     * {@code rememberedExercises} (the run's) holds them already. Answers how many events were written.
     */
    public static int copy(Connection c, List<? extends SessionEvent> events, Set<UUID> rememberedExercises)
            throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        BinaryCopy processed = new BinaryCopy("processed_event", PROCESSED_COLUMNS);
        ReplayBatch batch = new ReplayBatch();
        for (SessionEvent event : events) {
            if (!inHistory(event)) {
                throw new IllegalArgumentException("a history holds no " + event.type() + " event");
            }
            batch.add(event);
            processed.row().uuid(event.eventId()).text(event.type()).text(event.userId());
            for (UUID superseded : event.supersedes()) {
                processed
                        .row()
                        .uuid(superseded)
                        .text(SessionEvent.SET_CORRECTED)
                        .text(event.userId());
            }
        }
        BinaryCopy sessions = new BinaryCopy("session_fact", SESSION_COLUMNS);
        for (SessionRow r : batch.sessions.values()) {
            sessions.row()
                    .uuid(r.sessionId())
                    .text(r.userId())
                    .uuid(r.routineId())
                    .timestamptz(r.startedAt())
                    .text(r.timeZone())
                    .date(r.day())
                    .int2(r.painBefore())
                    .timestamptz(r.endedAt())
                    .int2(r.painAfter())
                    .bool(r.completed());
        }
        for (SetRow first : batch.firstSetOfSession.values()) {
            if (!batch.sessions.containsKey(first.sessionId())) {
                // a session first seen through a set, as FactWriter.sessionsFromSets creates it
                sessions.row()
                        .uuid(first.sessionId())
                        .text(first.userId())
                        .uuid(null)
                        .timestamptz(first.recordedAt())
                        .text(batch.firstSetZone.get(first.sessionId()))
                        .date(first.day())
                        .int2(null)
                        .timestamptz(null)
                        .int2(null)
                        .bool(false);
            }
        }
        BinaryCopy sets = new BinaryCopy("set_fact", SET_COLUMNS);
        for (SetRow r : batch.recorded.values()) {
            sets.row()
                    .uuid(r.setId())
                    .uuid(r.sessionId())
                    .text(r.userId())
                    .uuid(r.exerciseId())
                    .text(r.side())
                    .date(r.day())
                    .timestamptz(r.recordedAt())
                    .int4(r.holdSeconds())
                    .int4(r.reps())
                    .int4(r.targetHold())
                    .int4(r.targetReps())
                    .int2(r.pain())
                    .bool(r.deleted());
        }
        List<ExerciseSnapshot> unknown = batch.exercises.values().stream()
                .filter(e -> !rememberedExercises.contains(e.id()))
                .toList();
        new FactWriter(c).rememberExercises(unknown);
        processed.send(c);
        sessions.send(c);
        sets.send(c);
        unknown.forEach(e -> rememberedExercises.add(e.id())); // a failed batch fails the whole rebuild
        return events.size();
    }

    /** The kinds of events a history holds: a session's start, its current sets and its end. */
    public static boolean inHistory(SessionEvent event) {
        return event instanceof SessionStarted || event instanceof SetRecorded || event instanceof SessionCompleted;
    }

    private void add(SessionEvent event) {
        if (event instanceof SessionStarted s) {
            session(new SessionRow(
                    s.sessionId(),
                    s.userId(),
                    s.routineId(),
                    s.startedAt(),
                    s.timeZone().getId(),
                    ProgressProjector.localDay(s.startedAt(), s.timeZone()),
                    s.painBefore(),
                    null,
                    null,
                    false));
            zoneUsers.add(s.userId());
        } else if (event instanceof SessionCompleted s) {
            session(new SessionRow(
                    s.sessionId(),
                    s.userId(),
                    s.routineId(),
                    s.startedAt(),
                    s.timeZone().getId(),
                    ProgressProjector.localDay(s.startedAt(), s.timeZone()),
                    s.painBefore(),
                    s.endedAt(),
                    s.painAfter(),
                    true));
            zoneUsers.add(s.userId());
        } else if (event instanceof SetRecorded s) {
            SetRow row = setRow(s);
            if (firstSetOfSession.putIfAbsent(s.sessionId(), row) == null) {
                firstSetZone.put(s.sessionId(), s.timeZone().getId());
            }
            exercises.putIfAbsent(s.exercise().id(), s.exercise());
            if (seenSets.add(s.setId())) {
                recorded.put(s.setId(), row);
            }
        } else if (event instanceof SetCorrected s) {
            SetRow row = setRow(s.set());
            SetRow sameBatch = recorded.get(s.setId());
            if (deleted.contains(s.setId())) {
                // deleted before in this batch: a correction of a deleted set changes nothing, as live
            } else if (sameBatch != null) {
                recorded.put(s.setId(), row); // recorded earlier in this batch: written corrected
            } else if (!tombstones.containsKey(s.setId())) {
                // recorded in an earlier batch: corrected in place (a set never written stays unwritten, as live)
                corrected.put(s.setId(), row);
            }
        } else if (event instanceof UserErased s) {
            forget(s.userId());
        } else if (event instanceof SessionDeleted s) {
            deletedSessions.add(s.sessionId());
        } else if (event instanceof SetDeleted s) {
            deleted.add(s.setId());
            if (seenSets.add(s.setId())) {
                tombstones.put(s.setId(), tombstone(s));
            }
        }
    }

    /** Drops what the batch folded so far for an erased user: nothing of theirs before the erasure is written. */
    private void forget(String userId) {
        Set<UUID> sessionsOfUser = new HashSet<>();
        sessions.values().removeIf(r -> {
            boolean theirs = r.userId().equals(userId);
            if (theirs) {
                sessionsOfUser.add(r.sessionId());
            }
            return theirs;
        });
        firstSetOfSession.values().removeIf(r -> {
            boolean theirs = r.userId().equals(userId);
            if (theirs) {
                sessionsOfUser.add(r.sessionId());
            }
            return theirs;
        });
        firstSetZone.keySet().removeAll(sessionsOfUser);
        for (Map<UUID, SetRow> sets : List.of(recorded, tombstones, corrected)) {
            sets.values().removeIf(r -> {
                boolean theirs = r.userId().equals(userId);
                if (theirs) {
                    seenSets.remove(r.setId());
                }
                return theirs;
            });
        }
        zoneUsers.remove(userId);
    }

    /** A set deleted before its recording was seen: a tombstone keeps a late recording out. */
    static SetRow tombstone(SetDeleted s) {
        return new SetRow(
                s.setId(),
                s.sessionId(),
                s.userId(),
                s.exercise().id(),
                s.side(),
                ProgressProjector.localDay(s.recordedAt(), s.timeZone()),
                s.recordedAt(),
                s.holdSeconds(),
                s.reps(),
                null,
                null,
                s.pain(),
                true);
    }

    private static SetRow setRow(SetRecorded s) {
        return new SetRow(
                s.setId(),
                s.sessionId(),
                s.userId(),
                s.exercise().id(),
                s.side(),
                ProgressProjector.localDay(s.recordedAt(), s.timeZone()),
                s.recordedAt(),
                s.holdSeconds(),
                s.reps(),
                s.targetHoldSeconds(),
                s.targetReps(),
                s.pain(),
                false);
    }

    /** Folds a started or completed event into what the batch already says about the session. */
    private void session(SessionRow next) {
        sessions.merge(
                next.sessionId(),
                next,
                (before, after) -> new SessionRow(
                        before.sessionId(),
                        before.userId(),
                        after.routineId(),
                        after.startedAt(),
                        after.timeZone(),
                        after.day(),
                        after.painBefore(),
                        after.endedAt() != null ? after.endedAt() : before.endedAt(),
                        after.completed() ? after.painAfter() : before.painAfter(),
                        before.completed() || after.completed()));
    }
}
