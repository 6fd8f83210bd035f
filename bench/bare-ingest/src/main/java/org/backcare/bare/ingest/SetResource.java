package org.backcare.bare.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The whole app: {@code POST /sessions/{id}/sets} with the session-service's request body, for the caller named by
 * the token's subject (role user, as the service). In one plain JDBC transaction on a pooled connection it inserts
 * the set row (with the exercise's snapshot) and the outbox row whose payload is the workout.set.recorded.v1 event,
 * the same two rows the session-service commits for a set, into copies of its tables; it answers 201 with the set.
 * Nothing else: no ORM, no JTA, no validation framework, no idempotency, no session read, no relay.
 */
@Path("/sessions/{id}/sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class SetResource {

    /** The request body of the session-service's set POST (unknown fields are refused by neither). */
    public record RecordSet(
            UUID id,
            UUID exerciseId,
            String side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            Instant recordedAt) {}

    /** What the answer carries. */
    public record RecordedSet(
            UUID id, UUID sessionId, UUID exerciseId, Integer holdSeconds, Integer reps, Instant at) {}

    /** The exercise snapshot a set event carries. */
    public record Exercise(
            UUID id, String slug, String name, List<String> regions, String measurement, boolean sided) {}

    /** The event's data, in the order the session-service writes it. */
    public record SetRecorded(
            String id,
            String occurredAt,
            String userId,
            String sessionId,
            String setId,
            Exercise exercise,
            String side,
            Integer holdSeconds,
            Integer reps,
            Integer targetHoldSeconds,
            Integer targetReps,
            Integer pain,
            String recordedAt,
            String timeZone) {}

    /** A structured-mode CloudEvent 1.0, as the outbox stores it. */
    public record CloudEvent(
            String specversion,
            String id,
            String source,
            String type,
            String subject,
            String time,
            String datacontenttype,
            String dataschema,
            SetRecorded data) {}

    /** The seed article's exercises B1 records (deploy/local's demo ids); the service reads them from its replica. */
    private static final Map<UUID, Exercise> EXERCISES = Map.of(
            UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000004"),
            new Exercise(
                    UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000004"),
                    "touch-your-toes",
                    "Touch your toes",
                    List.of("LOWER_BACK", "HAMSTRINGS"),
                    "HOLD",
                    false));

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final JsonWebToken token;
    private final String insertSet;
    private final String insertOutbox;

    public SetResource(
            AgroalDataSource dataSource,
            ObjectMapper json,
            JsonWebToken token,
            @ConfigProperty(name = "bench.ingest.schema") String schema) {
        this.dataSource = dataSource;
        this.json = json;
        this.token = token;
        this.insertSet = "insert into " + schema + ".workout_set (id, session_id, exercise_id, side, hold_seconds,"
                + " reps, target_hold_seconds, target_reps, pain, recorded_at, exercise_slug, exercise_name,"
                + " exercise_regions, exercise_measurement, exercise_sided) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)";
        this.insertOutbox = "insert into " + schema + ".outbox_message (id, topic, message_key, type, payload)"
                + " values (?, ?, ?, ?, ?)";
    }

    @POST
    public Response record(@PathParam("id") UUID sessionId, RecordSet request) throws JsonProcessingException {
        Exercise exercise = request == null ? null : EXERCISES.get(request.exerciseId());
        if (exercise == null || (request.holdSeconds() == null) == (request.reps() == null)) {
            return Response.status(422).build();
        }
        String user = token.getSubject();
        UUID setId = request.id() != null ? request.id() : UUID.randomUUID();
        Instant now = Instant.now();
        Instant recordedAt = request.recordedAt() != null ? request.recordedAt() : now;
        UUID eventId = UUID.randomUUID();
        String payload = json.writeValueAsString(new CloudEvent(
                "1.0",
                eventId.toString(),
                "/session-service",
                "workout.set.recorded.v1",
                user,
                now.toString(),
                "application/json",
                "https://backcare.org/schemas/workout.set.recorded.v1.json",
                new SetRecorded(
                        eventId.toString(),
                        now.toString(),
                        user,
                        sessionId.toString(),
                        setId.toString(),
                        exercise,
                        request.side(),
                        request.holdSeconds(),
                        request.reps(),
                        request.targetHoldSeconds(),
                        request.targetReps(),
                        request.pain(),
                        recordedAt.toString(),
                        "Europe/Berlin")));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement(insertSet);
                    PreparedStatement outbox = c.prepareStatement(insertOutbox)) {
                set.setObject(1, setId);
                set.setObject(2, sessionId);
                set.setObject(3, exercise.id());
                set.setString(4, request.side());
                setInt(set, 5, request.holdSeconds());
                setInt(set, 6, request.reps());
                setInt(set, 7, request.targetHoldSeconds());
                setInt(set, 8, request.targetReps());
                setInt(set, 9, request.pain());
                set.setTimestamp(10, Timestamp.from(recordedAt));
                set.setString(11, exercise.slug());
                set.setString(12, exercise.name());
                Array regions = c.createArrayOf("text", exercise.regions().toArray());
                set.setArray(13, regions);
                set.setString(14, exercise.measurement());
                set.setBoolean(15, exercise.sided());
                set.executeUpdate();
                outbox.setObject(1, eventId);
                outbox.setString(2, "workout.session-events");
                outbox.setString(3, user);
                outbox.setString(4, "workout.set.recorded.v1");
                outbox.setString(5, payload);
                outbox.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23503".equals(e.getSQLState())) { // no such session
                    return Response.status(404).build();
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("record a set: " + e.getMessage(), e);
        }
        return Response.created(URI.create("/sessions/" + sessionId + "/sets/" + setId))
                .entity(new RecordedSet(setId, sessionId, exercise.id(), request.holdSeconds(), request.reps(), now))
                .build();
    }

    private static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
