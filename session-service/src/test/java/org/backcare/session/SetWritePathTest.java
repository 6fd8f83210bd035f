package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.start;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.backcare.outbox.Outbox;
import org.backcare.session.event.EventIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The single set's write path (plain JDBC, {@code SetRows}) keeps every guarantee of the session-service's writes:
 * the set and its event commit together or not at all, a retry is answered with the stored set and writes nothing,
 * a client's set id is never taken twice, and a stranger's session is not found.
 */
@QuarkusTest
@SessionTestResources
class SetWritePathTest {

    @Inject
    DataSource dataSource;

    @Inject
    NudgeWatcher nudges;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aRetriedSetIsAnsweredWithTheStoredSetAndWritesNeitherARowNorAnEvent() throws SQLException {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        UUID set = UUID.randomUUID();
        Map<String, Object> hold =
                Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30, "pain", 8);

        String first = post(user, session, hold)
                .statusCode(201)
                .body("id", equalTo(set.toString()))
                .body("warnings[0].code", equalTo("never-strain"))
                .extract()
                .asString();
        String retry = post(user, session, hold).statusCode(200).extract().asString();

        assertThat(retry).isEqualTo(first);
        assertThat(count("select count(*) from workout_set where id = ?", set)).isEqualTo(1);
        assertThat(count("select count(*) from outbox_message where id = ?", EventIds.setRecorded(set)))
                .isEqualTo(1);
    }

    @Test
    void aSetIdTakenWithOtherContentOrInAnotherSessionAnswers409AndChangesNothing() throws SQLException {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        UUID other = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        UUID set = UUID.randomUUID();
        post(user, session, Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(201);

        post(user, session, Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 45))
                .statusCode(409)
                .contentType("application/problem+json");
        post(user, other, Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(409)
                .contentType("application/problem+json");

        assertThat(count("select count(*) from workout_set where session_id = ?", other))
                .isZero();
        assertThat(count("select hold_seconds from workout_set where id = ?", set))
                .isEqualTo(30);
        assertThat(count("select count(*) from outbox_message where id = ?", EventIds.setRecorded(set)))
                .isEqualTo(1);
    }

    @Test
    void aSetWhoseEventCannotBeWrittenIsNotRecordedEither() throws SQLException {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        UUID set = UUID.randomUUID();
        // the event's id derives from the set's: an outbox row already holding it makes the event's insert fail
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("insert into outbox_message (id, topic, message_key, type,"
                        + " payload, published_at) values (?, 'elsewhere', 'nobody', 'test', '{}', now())")) {
            s.setObject(1, EventIds.setRecorded(set));
            s.executeUpdate();
        }

        post(user, session, Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(500);

        assertThat(count("select count(*) from workout_set where id = ?", set)).isZero();
        as(user).get("/sessions/{id}", session).then().statusCode(200).body("sets.size()", equalTo(0));
    }

    @Test
    void aSetInAStrangersSessionAnswers404AndTheStrangerCanStillWrite() throws SQLException {
        String owner = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        UUID session = start(owner, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));

        post(stranger, session, Map.of("exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(404)
                .contentType("application/problem+json");
        post(owner, session, Map.of("exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(201);

        assertThat(count("select count(*) from workout_set where session_id = ?", session))
                .isEqualTo(1);
    }

    @Test
    void theRelayIsNudgedOnceTheSetHasCommittedWithItsEventVisibleToOtherConnections() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        UUID set = UUID.randomUUID();

        post(user, session, Map.of("id", set, "exerciseId", SessionLifecycleTest.CHIN, "holdSeconds", 30))
                .statusCode(201);

        // the nudge of this set's event saw its outbox row from a connection of its own: it came after the commit
        assertThat(nudges.rowsSeenAtNudge(EventIds.setRecorded(set))).isEqualTo(1L);
    }

    /** Sees each nudge of the relay as the relay does, and counts the event's outbox rows from another connection. */
    @ApplicationScoped
    static class NudgeWatcher {

        private final Map<UUID, Long> rowsSeen = new ConcurrentHashMap<>();
        private final DataSource dataSource;

        NudgeWatcher(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The fewest outbox rows of {@code eventId} another connection saw at a nudge of the relay for it. */
        Long rowsSeenAtNudge(UUID eventId) {
            return rowsSeen.get(eventId);
        }

        void onNudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxAppended appended)
                throws SQLException {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("select count(*) from outbox_message where id = ?")) {
                s.setObject(1, appended.eventId());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    rowsSeen.merge(appended.eventId(), rs.getLong(1), Math::min); // the earliest nudge counts
                }
            }
        }
    }

    private static io.restassured.response.ValidatableResponse post(
            String user, UUID session, Map<String, Object> body) {
        return as(user).contentType(ContentType.JSON)
                .body(body)
                .post("/sessions/{id}/sets", session)
                .then();
    }

    private long count(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
