package org.backcare.progress.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.jdbc.DataAccessException;
import org.backcare.progress.jdbc.Jdbc;

/**
 * Everything the service holds about one person, written as JSON while it is read: one read-only, repeatable-read
 * transaction (one consistent snapshot of every table), each table through a cursor (fetch size), rows mapped column
 * by column, dates and times in ISO 8601. Never the whole answer in memory.
 */
@ApplicationScoped
public class PersonalData {

    private static final int FETCH_SIZE = 500;

    /** How a column is written: its JSON name, its SQL name and its kind. */
    record Column(String name, String sql, Kind kind) {}

    enum Kind {
        TEXT,
        UUID,
        INT,
        LONG,
        BOOLEAN,
        DATE,
        TIMESTAMP
    }

    /** A table of the person's rows: its name in the export, the query (one parameter: the user id), its columns. */
    record Table(String name, String from, String orderBy, List<Column> columns) {
        String sql() {
            return "select "
                    + String.join(", ", columns.stream().map(Column::sql).toList()) + " from " + from
                    + " where user_id = ? order by " + orderBy;
        }
    }

    private static Column c(String name, String sql, Kind kind) {
        return new Column(name, sql, kind);
    }

    /** The person's projection rows, by table: every table keyed by a user in the Flyway migrations. */
    static final List<Table> TABLES = List.of(
            new Table(
                    "session_fact",
                    "session_fact",
                    "started_at, session_id",
                    List.of(
                            c("sessionId", "session_id", Kind.UUID),
                            c("routineId", "routine_id", Kind.UUID),
                            c("startedAt", "started_at", Kind.TIMESTAMP),
                            c("endedAt", "ended_at", Kind.TIMESTAMP),
                            c("timeZone", "time_zone", Kind.TEXT),
                            c("day", "local_day", Kind.DATE),
                            c("painBefore", "pain_before", Kind.INT),
                            c("painAfter", "pain_after", Kind.INT),
                            c("completed", "completed", Kind.BOOLEAN),
                            c("sets", "sets", Kind.INT),
                            c("holdSeconds", "hold_seconds", Kind.LONG),
                            c("reps", "reps", Kind.LONG),
                            c("maxPain", "max_pain", Kind.INT))),
            new Table(
                    "set_fact",
                    "set_fact",
                    "recorded_at, set_id",
                    List.of(
                            c("setId", "set_id", Kind.UUID),
                            c("sessionId", "session_id", Kind.UUID),
                            c("exerciseId", "exercise_id", Kind.UUID),
                            c("side", "nullif(side, '')", Kind.TEXT),
                            c("day", "local_day", Kind.DATE),
                            c("recordedAt", "recorded_at", Kind.TIMESTAMP),
                            c("holdSeconds", "hold_seconds", Kind.INT),
                            c("reps", "reps", Kind.INT),
                            c("targetHoldSeconds", "target_hold_seconds", Kind.INT),
                            c("targetReps", "target_reps", Kind.INT),
                            c("pain", "pain", Kind.INT),
                            c("deleted", "deleted", Kind.BOOLEAN))),
            new Table(
                    "daily_exercise",
                    "daily_exercise",
                    "local_day, exercise_id, side",
                    List.of(
                            c("day", "local_day", Kind.DATE),
                            c("exerciseId", "exercise_id", Kind.UUID),
                            c("side", "nullif(side, '')", Kind.TEXT),
                            c("sets", "sets", Kind.INT),
                            c("holdSets", "hold_sets", Kind.INT),
                            c("holdSeconds", "hold_seconds", Kind.LONG),
                            c("bestHoldSeconds", "best_hold", Kind.INT),
                            c("reps", "reps", Kind.LONG),
                            c("bestReps", "best_reps", Kind.INT),
                            c("painSum", "pain_sum", Kind.INT),
                            c("painCount", "pain_count", Kind.INT),
                            c("maxPain", "max_pain", Kind.INT))),
            new Table(
                    "daily_activity",
                    "daily_activity",
                    "local_day",
                    List.of(
                            c("day", "local_day", Kind.DATE),
                            c("sessions", "sessions", Kind.INT),
                            c("sets", "sets", Kind.INT),
                            c("holdSeconds", "hold_seconds", Kind.LONG),
                            c("reps", "reps", Kind.LONG),
                            c("durationSeconds", "duration_seconds", Kind.LONG),
                            c("painBeforeSum", "pain_before_sum", Kind.INT),
                            c("painBeforeCount", "pain_before_count", Kind.INT),
                            c("painAfterSum", "pain_after_sum", Kind.INT),
                            c("painAfterCount", "pain_after_count", Kind.INT))),
            new Table(
                    "active_run",
                    "active_run",
                    "first_day",
                    List.of(
                            c("firstDay", "first_day", Kind.DATE),
                            c("lastDay", "last_day", Kind.DATE),
                            c("days", "days", Kind.INT))),
            new Table(
                    "pain_flag",
                    "pain_flag",
                    "occurred_at, session_id, position",
                    List.of(
                            c("sessionId", "session_id", Kind.UUID),
                            c("position", "position", Kind.INT),
                            c("kind", "kind", Kind.TEXT),
                            c("day", "local_day", Kind.DATE),
                            c("occurredAt", "occurred_at", Kind.TIMESTAMP),
                            c("pain", "pain", Kind.INT),
                            c("painFrom", "pain_from", Kind.INT),
                            c("setId", "set_id", Kind.UUID),
                            c("exerciseId", "exercise_id", Kind.UUID))),
            new Table(
                    "user_totals",
                    "user_totals",
                    "user_id",
                    List.of(
                            c("sessions", "sessions", Kind.LONG),
                            c("sets", "sets", Kind.LONG),
                            c("holdSeconds", "hold_seconds", Kind.LONG),
                            c("reps", "reps", Kind.LONG),
                            c("updatedAt", "updated_at", Kind.TIMESTAMP))),
            new Table(
                    "user_profile",
                    "user_profile",
                    "user_id",
                    List.of(c("timeZone", "time_zone", Kind.TEXT), c("zoneSince", "zone_since", Kind.TIMESTAMP))),
            new Table(
                    "processed_event",
                    "processed_event",
                    "processed_at, event_id",
                    List.of(
                            c("eventId", "event_id", Kind.UUID),
                            c("type", "type", Kind.TEXT),
                            c("processedAt", "processed_at", Kind.TIMESTAMP))));

    static final List<Column> PERSON = List.of(
            c("username", "username", Kind.TEXT),
            c("email", "email", Kind.TEXT),
            c("displayName", "display_name", Kind.TEXT),
            c("coach", "coach", Kind.BOOLEAN),
            c("seenAt", "seen_at", Kind.TIMESTAMP));

    private static final int EXPORT_SECONDS = 600;

    private final Jdbc jdbc;

    public PersonalData(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes {@code {"userId","exportedAt","person":{...}|null,"tables":{...},"coaches":[...],"sharedWithMe":[...]}}
     * for {@code userId} to {@code out}.
     */
    public void export(String userId, OffsetDateTime exportedAt, JsonGenerator out) throws IOException {
        try {
            // one read-only, repeatable-read transaction: one snapshot of every table, and cursors
            QuarkusTransaction.requiringNew()
                    .timeout(EXPORT_SECONDS)
                    .run(() -> jdbc.with(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("set transaction isolation level repeatable read, read only");
                        }
                        write(c, userId, exportedAt, out);
                        return null;
                    }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DataAccessException e) {
            throw new IOException("reading the personal data failed: " + e.getMessage(), e);
        }
    }

    private static void write(Connection c, String userId, OffsetDateTime exportedAt, JsonGenerator out)
            throws SQLException {
        try {
            out.writeStartObject();
            out.writeStringField("userId", userId);
            out.writeStringField("exportedAt", exportedAt.toInstant().toString());
            out.writeFieldName("person");
            person(c, userId, out);
            out.writeObjectFieldStart("tables");
            for (Table table : TABLES) {
                out.writeFieldName(table.name());
                rows(c, table.sql(), userId, table.columns(), out);
            }
            out.writeEndObject();
            out.writeFieldName("coaches");
            rows(
                    c,
                    "select coach_id, shared_at from coach_share where user_id = ? order by shared_at, coach_id",
                    userId,
                    List.of(c("coachUserId", "coach_id", Kind.TEXT), c("sharedAt", "shared_at", Kind.TIMESTAMP)),
                    out);
            out.writeFieldName("sharedWithMe");
            rows(
                    c,
                    "select user_id, shared_at from coach_share where coach_id = ? order by shared_at, user_id",
                    userId,
                    List.of(c("userId", "user_id", Kind.TEXT), c("sharedAt", "shared_at", Kind.TIMESTAMP)),
                    out);
            out.writeEndObject();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void person(Connection c, String userId, JsonGenerator out) throws SQLException, IOException {
        String sql = "select "
                + String.join(", ", PERSON.stream().map(Column::sql).toList()) + " from person where user_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    row(rs, PERSON, out);
                } else {
                    out.writeNull();
                }
            }
        }
    }

    private static void rows(Connection c, String sql, String userId, List<Column> columns, JsonGenerator out)
            throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(FETCH_SIZE);
            s.setString(1, userId);
            out.writeStartArray();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row(rs, columns, out);
                }
            }
            out.writeEndArray();
        }
    }

    private static void row(ResultSet rs, List<Column> columns, JsonGenerator out) throws SQLException, IOException {
        out.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int index = i + 1;
            out.writeFieldName(column.name());
            switch (column.kind()) {
                case TEXT -> writeText(out, rs.getString(index));
                case UUID -> {
                    UUID value = rs.getObject(index, UUID.class);
                    writeText(out, value == null ? null : value.toString());
                }
                case INT -> {
                    int value = rs.getInt(index);
                    if (rs.wasNull()) {
                        out.writeNull();
                    } else {
                        out.writeNumber(value);
                    }
                }
                case LONG -> {
                    long value = rs.getLong(index);
                    if (rs.wasNull()) {
                        out.writeNull();
                    } else {
                        out.writeNumber(value);
                    }
                }
                case BOOLEAN -> {
                    boolean value = rs.getBoolean(index);
                    if (rs.wasNull()) {
                        out.writeNull();
                    } else {
                        out.writeBoolean(value);
                    }
                }
                case DATE -> {
                    LocalDate value = rs.getObject(index, LocalDate.class);
                    writeText(out, value == null ? null : value.toString());
                }
                case TIMESTAMP -> {
                    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                    writeText(out, value == null ? null : value.toInstant().toString());
                }
            }
        }
        out.writeEndObject();
    }

    private static void writeText(JsonGenerator out, String value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }
}
