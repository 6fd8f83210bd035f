package org.backcare.progress.projection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.backcare.progress.jdbc.Jdbc;
import org.backcare.progress.projection.FactWriter.SessionRow;
import org.backcare.progress.projection.FactWriter.SetKeys;
import org.backcare.progress.projection.FactWriter.SetRow;
import org.backcare.progress.projection.SessionEvent.SessionDeleted;
import org.backcare.progress.projection.SessionEvent.SetCorrected;
import org.backcare.progress.projection.SessionEvent.SetDeleted;
import org.backcare.progress.projection.SessionEvent.UserErased;
import org.backcare.progress.projection.Touched.UserDay;

/**
 * Applies a batch of events to the projections in one transaction, exactly once: the processed-event claims
 * commit with the effects, so a redelivered or replayed event changes nothing. Facts are written in event order (the
 * runs between deletions folded and written in bulk); then every rollup the batch touched is recomputed from the
 * facts, which makes a deletion reverse exactly and a late set (after its session's completion) land where it
 * belongs.
 */
@ApplicationScoped
public class ProgressProjector {

    private final Jdbc jdbc;
    private final MeterRegistry metrics;

    public ProgressProjector(Jdbc jdbc, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Applies the events (in their order); answers how many were new. While a rebuild builds its new tables, the
     * events are also appended to its backlog in the same transaction ({@link RebuildBacklog}); only the rebuild's
     * swap makes a batch wait, a moment.
     */
    @Transactional
    public int apply(List<? extends SessionEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        return jdbc.with(connection -> {
            FactWriter writer = new FactWriter(connection);
            writer.lockShared();
            if (RebuildBacklog.rebuildRunning(connection)) {
                RebuildBacklog.append(connection, events);
            }
            int applied = apply(connection, writer, events, metrics);
            int duplicates = events.size() - applied;
            if (duplicates > 0) {
                metrics.counter("progress.events.duplicates").increment(duplicates);
            }
            return applied;
        });
    }

    /**
     * Applies a rebuild's backlog to its new tables, through {@code c}, whose unqualified names are the new tables,
     * with the live batches' rules: the history's lines and the backlog's events recognise each other by their ids.
     */
    public static int applyToNewTables(Connection c, List<? extends SessionEvent> events) throws SQLException {
        return events.isEmpty() ? 0 : apply(c, new FactWriter(c), events, null);
    }

    /** The events' facts and the rollups they touch; {@code metrics} (null: none) counts the new ones by type. */
    private static int apply(
            Connection c, FactWriter writer, List<? extends SessionEvent> events, MeterRegistry metrics)
            throws SQLException {
        Map<UUID, SessionEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        Set<UUID> claimed = writer.claim(unique.values());
        List<SessionEvent> ordered = List.copyOf(unique.values());
        Touched touched = new Touched();
        List<SessionEvent> run = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < ordered.size(); i++) {
            SessionEvent event = ordered.get(i);
            if (event instanceof UserErased erasure) {
                // what the batch did before is rolled up first, so nothing of the user comes back after the erasure
                applyRun(writer, run, touched);
                run.clear();
                rollUp(c, writer, touched);
                touched = new Touched();
                writer.eraseUser(erasure.userId(), claimsOf(ordered.subList(i + 1, ordered.size()), claimed));
                count(metrics, event);
                applied++;
                continue;
            }
            if (!claimed.contains(event.eventId())) {
                continue;
            }
            applied++;
            count(metrics, event);
            if (event instanceof SetDeleted deletion) {
                applyRun(writer, run, touched);
                run.clear();
                applyDeletion(writer, deletion, touched);
            } else if (event instanceof SetCorrected correction) {
                applyRun(writer, run, touched);
                run.clear();
                applyCorrection(writer, correction, touched);
            } else if (event instanceof SessionDeleted deletion) {
                applyRun(writer, run, touched);
                run.clear();
                applySessionDeletion(writer, deletion, touched);
            } else {
                run.add(event);
            }
        }
        applyRun(writer, run, touched);
        rollUp(c, writer, touched);
        return applied;
    }

    private static void count(MeterRegistry metrics, SessionEvent event) {
        if (metrics != null) {
            metrics.counter("progress.events.processed", "type", event.type()).increment();
        }
    }

    /** The claims of {@code later} events (those after an erasure in the batch), which the erasure keeps. */
    private static List<UUID> claimsOf(List<SessionEvent> later, Set<UUID> claimed) {
        List<UUID> ids = new ArrayList<>();
        for (SessionEvent e : later) {
            if (claimed.contains(e.eventId())) {
                ids.add(e.eventId());
                ids.addAll(e.supersedes());
            }
        }
        return ids;
    }

    /** Every rollup the facts written so far touched, recomputed from the facts ({@link Rollups}). */
    private static void rollUp(Connection c, FactWriter writer, Touched touched) throws SQLException {
        writer.rememberExercises(touched.exercises.values());
        Rollups.recompute(c, Scope.of(touched));
    }

    /**
     * Writes the facts of a run of started, completed and recorded events with one statement per kind of row (the
     * run folded in order, as a rebuild folds a poll) and notes what changed: a session is new once, the days a
     * session leaves and lands on, each set actually inserted. The same facts as event by event ({@code ReplayTest}).
     */
    private static void applyRun(FactWriter writer, List<SessionEvent> run, Touched touched) throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        ReplayBatch batch = ReplayBatch.of(run);
        List<SessionRow> sessions = List.copyOf(batch.sessions.values());
        Map<UUID, UserDay> before = writer.sessionDays(batch.sessions.keySet());
        writer.upsertSessions(sessions);
        for (SessionRow session : sessions) {
            touchSession(
                    touched, session.userId(), session.sessionId(), before.get(session.sessionId()), session.day());
        }
        writer.zonesOf(batch.zoneUsers);
        List<SetRow> firstSets = batch.firstSets();
        Set<UUID> startedBySet = writer.sessionsFromSets(firstSets, batch.firstSetZones(firstSets));
        for (SetRow first : firstSets) {
            if (startedBySet.contains(first.sessionId())) {
                touched.day(first.userId(), first.day());
            }
        }
        batch.exercises.forEach(touched.exercises::putIfAbsent);
        List<SetRow> sets = List.copyOf(batch.recorded.values());
        Set<UUID> inserted = writer.insertSets(sets, true);
        for (SetRow set : sets) {
            if (inserted.contains(set.setId())) {
                touched.appended(set.setId(), set.sessionId(), set.userId(), set.exerciseId(), set.side(), set.day());
            }
        }
    }

    private static void applyDeletion(FactWriter writer, SetDeleted s, Touched touched) throws SQLException {
        SetKeys was = writer.deleteSet(s.setId());
        if (was != null) {
            touched.sessions.add(was.sessionId());
            touched.exerciseDay(was.userId(), was.exerciseId(), was.side(), was.day());
        } else {
            // deleted before its recording was seen: a tombstone keeps a late recording out
            writer.insertSets(List.of(ReplayBatch.tombstone(s)), false);
        }
    }

    /**
     * A correction replaces the set's seconds, repetitions and pain: the totals move by the difference and every
     * rollup of its day, exercise and session is recomputed from the facts. A correction of a deleted set, or of a
     * set the projections do not hold, changes nothing: after a rebuild from the session database, a set missing
     * from it was deleted (or its person erased) after the correction, and that deletion follows on the topic.
     */
    private static void applyCorrection(FactWriter writer, SetCorrected c, Touched touched) throws SQLException {
        SetKeys was = writer.correctSet(
                c.setId(), c.set().holdSeconds(), c.set().reps(), c.set().pain());
        if (was != null) {
            touched.sessions.add(was.sessionId());
            touched.exerciseDay(was.userId(), was.exerciseId(), was.side(), was.day());
        }
    }

    /** A deleted session takes its sets with it: each is reversed, then the session itself. */
    private static void applySessionDeletion(FactWriter writer, SessionDeleted d, Touched touched) throws SQLException {
        for (SetKeys was : writer.deleteSetsOfSession(d.sessionId())) {
            touched.exerciseDay(was.userId(), was.exerciseId(), was.side(), was.day());
        }
        UserDay day = writer.deleteSession(d.sessionId());
        if (day != null) {
            touched.day(day.userId(), day.day());
        }
        touched.sessions.add(d.sessionId());
    }

    private static void touchSession(Touched touched, String userId, UUID sessionId, UserDay before, LocalDate day) {
        touched.sessions.add(sessionId);
        touched.day(userId, day);
        if (before != null) {
            touched.day(before.userId(), before.day());
        }
    }

    /** The user's day: the calendar date where they were, not in UTC. */
    public static LocalDate localDay(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).toLocalDate();
    }
}
