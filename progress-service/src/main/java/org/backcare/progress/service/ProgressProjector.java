package org.backcare.progress.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.event.SessionEvent.SessionCompleted;
import org.backcare.progress.event.SessionEvent.SessionStarted;
import org.backcare.progress.event.SessionEvent.SetDeleted;
import org.backcare.progress.event.SessionEvent.SetRecorded;
import org.backcare.progress.repository.ProjectionWriter;
import org.backcare.progress.repository.ProjectionWriter.DayChange;
import org.backcare.progress.repository.ProjectionWriter.DeletedSet;
import org.backcare.progress.service.Touched.UserDay;

/**
 * Applies a batch of events to the projections in one transaction, exactly once: the processed-event claims
 * commit with the effects, so a redelivered or replayed event changes nothing. Facts are written in event order;
 * then every rollup the batch touched is recomputed from the facts, which makes a deletion reverse exactly and a
 * late set (after its session's completion) land where it belongs.
 */
@ApplicationScoped
public class ProgressProjector {

    private final DataSource dataSource;
    private final MeterRegistry metrics;

    public ProgressProjector(DataSource dataSource, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** Applies the events (in their order); answers how many were new. Waits while a rebuild runs. */
    @Transactional
    public int apply(List<? extends SessionEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            return apply(new ProjectionWriter(connection), events);
        } catch (SQLException e) {
            throw new ProjectionException(e);
        }
    }

    private int apply(ProjectionWriter writer, List<? extends SessionEvent> events) throws SQLException {
        writer.lockShared();
        Map<UUID, SessionEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        Set<UUID> claimed = writer.claim(unique.values());
        Touched touched = new Touched();
        for (SessionEvent event : unique.values()) {
            if (claimed.contains(event.eventId())) {
                applyFact(writer, event, touched);
                metrics.counter("progress.events.processed", "type", event.type())
                        .increment();
            }
        }
        writer.rememberExercises(touched.exercises.values());
        writer.recomputeSessions(touched.sessions);
        writer.recomputeExerciseDays(touched.exerciseDays);
        List<DayChange> changes = new ArrayList<>(writer.recomputeDays(touched.days));
        changes.sort(Comparator.comparing(DayChange::userId).thenComparing(DayChange::day));
        for (DayChange change : changes) {
            writer.applyToRuns(change);
        }
        writer.addToTotals(touched.totals);
        int duplicates = events.size() - claimed.size();
        if (duplicates > 0) {
            metrics.counter("progress.events.duplicates").increment(duplicates);
        }
        return claimed.size();
    }

    private void applyFact(ProjectionWriter writer, SessionEvent event, Touched touched) throws SQLException {
        if (event instanceof SessionStarted s) {
            LocalDate day = localDay(s.startedAt(), s.timeZone());
            UserDay before = writer.sessionDay(s.sessionId());
            if (writer.upsertSession(
                    s.sessionId(),
                    s.userId(),
                    s.routineId(),
                    s.startedAt(),
                    s.timeZone().getId(),
                    day,
                    s.painBefore(),
                    null,
                    null,
                    false)) {
                touched.totals(s.userId()).sessions++;
            }
            touchSession(touched, s.userId(), s.sessionId(), before, day);
            writer.userZone(s.userId(), s.timeZone().getId(), s.startedAt());
        } else if (event instanceof SessionCompleted s) {
            LocalDate day = localDay(s.startedAt(), s.timeZone());
            UserDay before = writer.sessionDay(s.sessionId());
            if (writer.upsertSession(
                    s.sessionId(),
                    s.userId(),
                    s.routineId(),
                    s.startedAt(),
                    s.timeZone().getId(),
                    day,
                    s.painBefore(),
                    s.endedAt(),
                    s.painAfter(),
                    true)) {
                touched.totals(s.userId()).sessions++;
            }
            touchSession(touched, s.userId(), s.sessionId(), before, day);
            writer.userZone(s.userId(), s.timeZone().getId(), s.startedAt());
        } else if (event instanceof SetRecorded s) {
            LocalDate day = localDay(s.recordedAt(), s.timeZone());
            if (writer.sessionFromSet(s, day)) {
                touched.totals(s.userId()).sessions++;
                touched.day(s.userId(), day);
            }
            touched.exercises.putIfAbsent(s.exercise().id(), s.exercise());
            if (writer.insertSet(
                    s.setId(),
                    s.sessionId(),
                    s.userId(),
                    s.exercise(),
                    s.side(),
                    day,
                    s.recordedAt(),
                    s.holdSeconds(),
                    s.reps(),
                    s.targetHoldSeconds(),
                    s.targetReps(),
                    s.pain(),
                    false)) {
                Touched.TotalsDelta totals = touched.totals(s.userId());
                totals.sets++;
                totals.holdSeconds += s.holdSeconds() == null ? 0 : s.holdSeconds();
                totals.reps += s.reps() == null ? 0 : s.reps();
                touched.sessions.add(s.sessionId());
                touched.exerciseDay(s.userId(), s.exercise().id(), s.side(), day);
            }
        } else if (event instanceof SetDeleted s) {
            DeletedSet was = writer.deleteSet(s.setId());
            if (was != null) {
                Touched.TotalsDelta totals = touched.totals(was.userId());
                totals.sets--;
                totals.holdSeconds -= was.holdSeconds();
                totals.reps -= was.reps();
                touched.sessions.add(was.sessionId());
                touched.exerciseDay(was.userId(), was.exerciseId(), was.side(), was.day());
            } else {
                // deleted before its recording was seen: a tombstone keeps a late recording out
                writer.insertSet(
                        s.setId(),
                        s.sessionId(),
                        s.userId(),
                        s.exercise(),
                        s.side(),
                        localDay(s.recordedAt(), s.timeZone()),
                        s.recordedAt(),
                        s.holdSeconds(),
                        s.reps(),
                        null,
                        null,
                        s.pain(),
                        true);
            }
        }
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

    /** The database refused a batch; the consumer retries it. */
    public static class ProjectionException extends RuntimeException {
        public ProjectionException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
