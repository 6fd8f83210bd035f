package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.backcare.outbox.CloudEvent;
import org.backcare.session.domain.SessionStatus;
import org.backcare.session.event.EventIds;
import org.backcare.session.event.SessionCompleted;
import org.backcare.session.event.SessionEventPublisher;
import org.backcare.session.event.SessionStarted;
import org.backcare.session.event.SetRecorded;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionReader;
import org.backcare.session.repository.SetEntity;

/**
 * The current state of the sessions re-expressed as the events that produced it, for the progress-service's
 * rebuild: per session (in order of user, then start) workout.session.started.v1, one workout.set.recorded.v1 per
 * current set with its current values, and workout.session.completed.v1 when it was completed. Each is the live
 * event's envelope and data, with its id (EventIds) and time. The set.recorded event of a corrected set carries the
 * extension attribute {@value #SUPERSEDES}: the ids of the set.corrected events whose effect it already carries.
 *
 * <p>So events whose ids appear in the stream (or in {@value #SUPERSEDES}) are already reflected; a set or session
 * missing from it was deleted, and its deletion event is reflected too.
 */
@ApplicationScoped
public class SessionHistory {

    /** The CloudEvents extension attribute naming the corrections a set.recorded line already carries. */
    public static final String SUPERSEDES = "supersedes";

    private final SessionReader reader;

    public SessionHistory(SessionReader reader) {
        this.reader = reader;
    }

    /** The events of {@code userId}'s sessions, or of every user's when it is null, in order. */
    public void replay(String userId, SessionReader.Sink<CloudEvent<Object>> sink) throws IOException {
        reader.forEachSession(userId, stored -> {
            SessionEntity session = stored.session();
            SessionStarted started = SessionEvents.started(session);
            sink.accept(SessionEventPublisher.envelope(
                    started.id(), SessionStarted.TYPE, started.userId(), started.occurredAt(), started));
            for (SetEntity set : stored.sets()) {
                SetRecorded recorded = SessionEvents.recorded(session, set);
                CloudEvent<Object> event = SessionEventPublisher.envelope(
                        recorded.id(), SetRecorded.TYPE, recorded.userId(), recorded.occurredAt(), recorded);
                sink.accept(set.revision == 0 ? event : event.withExtension(SUPERSEDES, supersedes(set)));
            }
            if (session.status == SessionStatus.COMPLETED) {
                SessionCompleted completed = SessionEvents.completed(session, stored.sets());
                sink.accept(SessionEventPublisher.envelope(
                        completed.id(), SessionCompleted.TYPE, completed.userId(), completed.occurredAt(), completed));
            }
        });
    }

    /** The ids of the set's corrections 1..revision, space-separated. */
    static String supersedes(SetEntity set) {
        return IntStream.rangeClosed(1, set.revision)
                .mapToObj(revision -> EventIds.setCorrected(set.id, revision).toString())
                .collect(Collectors.joining(" "));
    }
}
