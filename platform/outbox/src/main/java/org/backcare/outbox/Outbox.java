package org.backcare.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Appends events to the outbox inside the caller's transaction: the event exists exactly when the change it
 * describes was committed. The relay publishes it after the commit.
 *
 * <p>The row is written with plain JDBC on the transaction's connection (the datasource hands the connection the
 * transaction already holds, the one the caller's ORM or JDBC writes use), so an append costs one insert and none
 * of an ORM's bookkeeping; its sequence number comes from the database's identity column.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "insert into outbox_message (id, topic, message_key, type, payload, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)";

    private final ObjectMapper json;
    private final DataSource dataSource;
    private final Event<OutboxAppended> appended;

    public Outbox(ObjectMapper json, DataSource dataSource, Event<OutboxAppended> appended) {
        this.json = json;
        this.dataSource = dataSource;
        this.appended = appended;
    }

    /** Writes {@code event} for {@code topic} under {@code key}; must run inside the change's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, CloudEvent<?> event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, event.id());
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, event.type());
            insert.setString(5, payload);
            insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("event " + event.type() + " could not be written to the outbox", e);
        }
        appended.fire(new OutboxAppended(event.id()));
    }

    /** Fired inside the transaction; the relay observes it after a successful commit to publish at once. */
    public record OutboxAppended(UUID eventId) {}
}
