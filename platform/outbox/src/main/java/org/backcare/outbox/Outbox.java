package org.backcare.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends events to the outbox inside the caller's transaction: the event exists exactly when the change it
 * describes was committed. The relay publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Event<OutboxAppended> appended;

    public Outbox(ObjectMapper json, Event<OutboxAppended> appended) {
        this.json = json;
        this.appended = appended;
    }

    /** Writes {@code event} for {@code topic} under {@code key}; must run inside the change's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMessage append(String topic, String key, CloudEvent<?> event) {
        OutboxMessage message = new OutboxMessage();
        message.id = event.id();
        message.topic = topic;
        message.key = key;
        message.type = event.type();
        message.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            message.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
        }
        message.persist();
        appended.fire(new OutboxAppended(message.seq));
        return message;
    }

    /** Fired inside the transaction; the relay observes it after a successful commit to publish at once. */
    public record OutboxAppended(Long seq) {}
}
