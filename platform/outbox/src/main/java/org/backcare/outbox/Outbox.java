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

    /**
     * The outbox row's insert, six parameters ({@link #bind}); a writer may run it in one statement with its own
     * insert, as {@code "insert ...; " + Outbox.INSERT}, to save a round trip.
     */
    public static final String INSERT = "insert into outbox_message (id, topic, message_key, type, payload,"
            + " created_at) values (?, ?, ?, ?, ?, ?)";

    /** An event for a topic under a key, as it is appended. */
    public record Entry(String topic, String key, CloudEvent<?> event) {}

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
        Entry entry = new Entry(topic, key, event);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, 1, entry);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("event " + event.type() + " could not be written to the outbox", e);
        }
    }

    /**
     * Binds {@code entry}'s row to the six parameters of {@link #INSERT} in {@code statement}, from index
     * {@code first} on; the caller executes the statement inside the change's transaction, on its connection. The
     * relay is nudged once that transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bind(PreparedStatement statement, int first, Entry entry) throws SQLException {
        bindRow(statement, first, entry);
        appended.fire(new OutboxAppended(entry.event().id()));
    }

    /**
     * As {@link #bind}, for a writer that runs a datasource transaction of its own on a connection it took outside
     * any JTA transaction: it executes the statement, commits, and then calls {@link #committed} so that the relay
     * publishes at once (without it the row goes out at the relay's next tick).
     */
    public void bindRow(PreparedStatement statement, int first, Entry entry) throws SQLException {
        CloudEvent<?> event = entry.event();
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be serialised", e);
        }
        statement.setObject(first, event.id());
        statement.setString(first + 1, entry.topic());
        statement.setString(first + 2, entry.key());
        statement.setString(first + 3, event.type());
        statement.setString(first + 4, payload);
        statement.setObject(first + 5, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * After the commit of a datasource transaction that wrote {@code entry} with {@link #bindRow}: the relay is
     * nudged now (outside a JTA transaction a transactional observer is called at once).
     */
    public void committed(Entry entry) {
        appended.fire(new OutboxAppended(entry.event().id()));
    }

    /** Fired inside the transaction; the relay observes it after a successful commit to publish at once. */
    public record OutboxAppended(UUID eventId) {}
}
