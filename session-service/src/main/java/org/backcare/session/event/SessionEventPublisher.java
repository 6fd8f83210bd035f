package org.backcare.session.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.backcare.outbox.CloudEvent;
import org.backcare.outbox.Outbox;

/** Writes the session's events to the outbox, keyed by user so each user's events stay in order. */
@ApplicationScoped
public class SessionEventPublisher {

    public static final String TOPIC = "workout.session-events";
    public static final String SOURCE = "/session-service";
    private static final String SCHEMA_BASE = "https://backcare.org/schemas/";

    private final Outbox outbox;

    public SessionEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public void sessionStarted(SessionStarted event) {
        append(event.id(), SessionStarted.TYPE, event.userId(), event.occurredAt(), event);
    }

    public void setRecorded(SetRecorded event) {
        append(event.id(), SetRecorded.TYPE, event.userId(), event.occurredAt(), event);
    }

    /** The outbox entry of a recorded set, for the writer that inserts the set and its event in one statement. */
    public static Outbox.Entry setRecordedEntry(SetRecorded event) {
        return new Outbox.Entry(
                TOPIC,
                event.userId(),
                envelope(event.id(), SetRecorded.TYPE, event.userId(), event.occurredAt(), event));
    }

    public void setDeleted(SetDeleted event) {
        append(event.id(), SetDeleted.TYPE, event.userId(), event.occurredAt(), event);
    }

    public void setCorrected(SetCorrected event) {
        append(event.id(), SetCorrected.TYPE, event.userId(), event.occurredAt(), event);
    }

    public void sessionDeleted(SessionDeleted event) {
        append(event.id(), SessionDeleted.TYPE, event.userId(), event.occurredAt(), event);
    }

    public void sessionCompleted(SessionCompleted event) {
        append(event.id(), SessionCompleted.TYPE, event.userId(), event.occurredAt(), event);
    }

    public void userErased(UserErased event) {
        append(event.id(), UserErased.TYPE, event.userId(), event.occurredAt(), event);
    }

    /**
     * The envelope of one of this service's events, exactly as the outbox stores and the relay publishes it; the
     * history stream wraps its events with the same method.
     */
    public static CloudEvent<Object> envelope(UUID id, String type, String userId, OffsetDateTime time, Object data) {
        return CloudEvent.of(id, SOURCE, type, userId, time, SCHEMA_BASE + type + ".json", data);
    }

    private void append(UUID id, String type, String userId, OffsetDateTime time, Object data) {
        outbox.append(TOPIC, userId, envelope(id, type, userId, time, data));
    }
}
