package org.backcare.progress.projection;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The live events applied while a rebuild builds its new tables ({@code rebuild_backlog}). A live batch appends its
 * events in the transaction that applies them to the live tables, as long as a rebuild holds {@link
 * FactWriter#REBUILD_LOCK}; the rebuild takes them out, oldest first, and applies them to the new tables the way a
 * live batch does, so the new tables have caught up with the live stream when they are swapped in. A crashed
 * rebuild's connection lets go of the lock, so the backlog stops growing; the next rebuild, or the next start of an
 * instance, empties it. The events are kept as this service reads them (the {@link SessionEvent} records in JSON).
 */
public final class RebuildBacklog {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addMixIn(SessionEvent.class, Kinds.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RebuildBacklog() {}

    /** Whether a rebuild (of any instance) holds {@link FactWriter#REBUILD_LOCK} now. */
    public static boolean rebuildRunning(Connection c) throws SQLException {
        try (var s = c.prepareStatement("""
                select exists (select 1 from pg_locks
                               where locktype = 'advisory' and granted and objsubid = 1
                                 and database = (select oid from pg_database where datname = current_database())
                                 and classid::bigint = ? and objid::bigint = ?)""")) {
            s.setLong(1, FactWriter.REBUILD_LOCK >>> 32);
            s.setLong(2, FactWriter.REBUILD_LOCK & 0xffffffffL);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Appends the events, in their order, in the caller's transaction. */
    public static void append(Connection c, List<? extends SessionEvent> events) throws SQLException {
        String[] encoded = new String[events.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(events.get(i));
        }
        try (var s = c.prepareStatement(
                "insert into rebuild_backlog (event) select e from unnest(?::text[]) with ordinality as u (e, n)"
                        + " order by n")) {
            s.setArray(1, c.createArrayOf("text", encoded));
            s.executeUpdate();
        }
    }

    /**
     * Takes out up to {@code limit} of the oldest events, in their order, in the caller's transaction: they are gone
     * when it commits, together with what applying them wrote.
     */
    public static List<SessionEvent> take(Connection c, int limit) throws SQLException {
        List<SessionEvent> events = new ArrayList<>();
        try (var s = c.prepareStatement("""
                with taken as (
                    delete from rebuild_backlog
                    where seq in (select seq from rebuild_backlog order by seq limit ?)
                    returning seq, event)
                select event from taken order by seq""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(decode(rs.getString(1)));
                }
            }
        }
        return events;
    }

    /** Forgets whatever a failed or interrupted rebuild left. */
    public static void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("truncate rebuild_backlog");
        }
    }

    public static String encode(SessionEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a " + event.type() + " to the rebuild backlog", e);
        }
    }

    public static SessionEvent decode(String json) {
        try {
            return JSON.readValue(json, SessionEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read an event of the rebuild backlog: " + e.getMessage(), e);
        }
    }

    /** The kind of each event in the backlog's JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SessionEvent.SessionStarted.class, name = "started"),
        @JsonSubTypes.Type(value = SessionEvent.SetRecorded.class, name = "recorded"),
        @JsonSubTypes.Type(value = SessionEvent.SetDeleted.class, name = "deleted"),
        @JsonSubTypes.Type(value = SessionEvent.SetCorrected.class, name = "corrected"),
        @JsonSubTypes.Type(value = SessionEvent.SessionDeleted.class, name = "sessionDeleted"),
        @JsonSubTypes.Type(value = SessionEvent.SessionCompleted.class, name = "completed"),
        @JsonSubTypes.Type(value = SessionEvent.UserErased.class, name = "erased")
    })
    private interface Kinds {}
}
