package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.backcare.infra.KafkaBroker;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A person's erasure against the real stack, on a stack of its own (the test shortens the topics' retention): a
 * person with sessions (one set corrected, one session imported), progress, a coach they share with and a person who
 * shares with them is erased. Afterwards no table of the three databases holds a row of theirs, their progress and
 * exports answer as for a new person, another person's data is as it was, a rebuild does not bring them back, and
 * once the retention has run the topics hold no record of theirs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIT {

    private static final String ERASED = "workout.user.erased.v1";

    private static LocalStack stack;
    private static String erin;
    private static String erinId;
    private static String erinToken;
    private static String bob;
    private static String bobId;
    private static Map<String, Object> bobsProgressBefore;

    @BeforeAll
    static void aPersonWithSessionsSharesAndProgress() {
        stack = SharedStack.start("backcare-erasure-");
        var keycloak = stack.infrastructure().keycloak();
        erin = "erin-" + Long.toString(System.currentTimeMillis(), 36);
        keycloak.createUser(erin, erin, "Erin", "Eraser", "user", "coach");
        erinToken = keycloak.accessToken(erin, erin);
        bob = keycloak.accessToken("bob", "bob");
        erinId = given().auth()
                .oauth2(erinToken)
                .get(stack.progressUrl() + "/progress/me")
                .path("userId");
        bobId = given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me")
                .path("userId");

        OffsetDateTime morning = OffsetDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .minusHours(2);
        // a session recorded live, with a set corrected afterwards, completed with an idempotency key
        String live = startSession(erinToken, morning, "stiff after the drive");
        String set = recordSet(erinToken, live, DemoData.CHIN_TO_CHEST, 30, 2);
        recordSet(erinToken, live, DemoData.CHIN_TO_CHEST, 30, 7);
        given().auth()
                .oauth2(erinToken)
                .contentType(ContentType.JSON)
                .body(Map.of("holdSeconds", 25, "pain", 3))
                .patch(stack.sessionUrl() + "/sessions/" + live + "/sets/" + set)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(erinToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("painAfter", 2, "notes", "better"))
                .post(stack.sessionUrl() + "/sessions/" + live + "/complete")
                .then()
                .statusCode(200);
        // and one imported, as the web app uploads what was done offline
        given().auth()
                .oauth2(erinToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "sessions",
                        List.of(Map.of(
                                "id", UUID.randomUUID().toString(),
                                "startedAt", morning.minusDays(1).toString(),
                                "endedAt", morning.minusDays(1).plusMinutes(10).toString(),
                                "timeZone", "Europe/Berlin",
                                "painBefore", 4,
                                "sets",
                                        List.of(Map.of(
                                                "exerciseId",
                                                DemoData.CHIN_TO_CHEST,
                                                "holdSeconds",
                                                30,
                                                "pain",
                                                1,
                                                "recordedAt",
                                                morning.minusDays(1)
                                                        .plusMinutes(2)
                                                        .toString()))))))
                .post(stack.sessionUrl() + "/sessions/import")
                .then()
                .statusCode(200);
        // bob has data of his own, and shares with erin, who coaches; erin shares with carol
        String bobs = startSession(bob, morning, null);
        recordSet(bob, bobs, DemoData.CHIN_TO_CHEST, 40, 1);
        given().auth().oauth2(keycloak.accessToken("carol", "carol")).get(stack.progressUrl() + "/progress/me");
        share(erinToken, "carol");
        share(bob, erin);

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().auth()
                    .oauth2(erinToken)
                    .get(stack.progressUrl() + "/progress/me")
                    .then()
                    .statusCode(200)
                    .body("totals.sessions", equalTo(2))
                    .body("totals.sets", equalTo(3));
            given().auth()
                    .oauth2(bob)
                    .get(stack.progressUrl() + "/progress/me")
                    .then()
                    .body("totals.holdSeconds", equalTo(40));
        });
        assertThat(rowsOf(erinId)).as("erin's rows before the erasure").isNotEmpty();
        assertThat(topicRecordsOf(erinId))
                .as("erin's records on the topics before")
                .isPositive();
        bobsProgressBefore = given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me")
                .as(Map.class);
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void anErasedPersonHasNoRowLeftInAnyTableOfTheThreeDatabases() {
        given().auth()
                .oauth2(erinToken)
                .delete(stack.sessionUrl() + "/me")
                .then()
                .statusCode(202)
                .body("userId", equalTo(erinId))
                .body("sessions", equalTo(2))
                .body("sets", equalTo(3));

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rowsOf(erinId)).isEmpty());
    }

    @Test
    @Order(2)
    void theirProgressAndExportsAnswerAsForANewPerson() {
        given().auth()
                .oauth2(erinToken)
                .get(stack.progressUrl() + "/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sessions", equalTo(0))
                .body("totals.sets", equalTo(0))
                .body("streak.current", equalTo(0));
        given().auth()
                .oauth2(erinToken)
                .get(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(200)
                .body("items", empty());
        given().auth()
                .oauth2(erinToken)
                .get(stack.sessionUrl() + "/me/data")
                .then()
                .statusCode(200)
                .body("userId", equalTo(erinId))
                .body("sessions", empty());
        Map<String, Object> progress = given().auth()
                .oauth2(erinToken)
                .get(stack.progressUrl() + "/progress/me/data")
                .then()
                .statusCode(200)
                .body("coaches", empty())
                .body("sharedWithMe", empty())
                .extract()
                .as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, List<?>> tables = (Map<String, List<?>>) progress.get("tables");
        tables.forEach((table, rows) -> assertThat(rows).as(table).isEmpty());
    }

    @Test
    @Order(3)
    void anotherPersonsDataIsUntouched() {
        Map<String, Object> now = given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me")
                .as(Map.class);
        assertThat(withoutVolatile(now)).isEqualTo(withoutVolatile(bobsProgressBefore));
        given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me/coaches")
                .then()
                .statusCode(200)
                .body("items", empty());
        assertThat(rowsOf(bobId)).as("bob's rows").isNotEmpty();
    }

    @Test
    @Order(4)
    void aRebuildDoesNotBringThemBack() {
        // asking for their progress again (test 2) remembers who they are, as for anyone who signs in: that row only
        List<String> before = rowsOf(erinId);
        assertThat(before).allSatisfy(row -> assertThat(row).startsWith("progress.person: "));
        String rebuildToken = stack.infrastructure().keycloak().accessToken("admin", "admin");
        ProgressRebuild.runToTheEnd(stack.progressUrl(), rebuildToken);
        assertThat(rowsOf(erinId)).isEqualTo(before);
        given().auth()
                .oauth2(erinToken)
                .get(stack.progressUrl() + "/progress/me")
                .then()
                .body("totals.sets", equalTo(0));
        Map<String, Object> bobs = given().auth()
                .oauth2(bob)
                .get(stack.progressUrl() + "/progress/me")
                .as(Map.class);
        assertThat(withoutVolatile(bobs)).isEqualTo(withoutVolatile(bobsProgressBefore));
    }

    @Test
    @Order(5)
    void onceTheRetentionHasRunTheTopicsHoldNoRecordOfThem() {
        KafkaBroker kafka = stack.infrastructure().kafka();
        // the test's short settings: a second of retention instead of seven days (the broker looks every ten seconds)
        Map<String, String> brief = Map.of("retention.ms", "1000", "segment.ms", "1000");
        kafka.configureTopic(Topics.SESSION_EVENTS, brief);
        kafka.configureTopic(Topics.SESSION_EVENTS_DLQ, brief);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(topicRecordsOf(erinId)).isZero());
        } finally {
            kafka.configureTopic(Topics.SESSION_EVENTS, Topics.SESSIONS.configs());
            kafka.configureTopic(Topics.SESSION_EVENTS_DLQ, Topics.DLQ.configs());
        }
        // what is recorded afterwards is kept again, and the system still works
        String later = startSession(bob, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), null);
        recordSet(bob, later, DemoData.CHIN_TO_CHEST, 20, 0);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(bob)
                        .get(stack.progressUrl() + "/progress/me")
                        .then()
                        .body("totals.holdSeconds", equalTo(60)));
    }

    private static Map<String, Object> withoutVolatile(Map<String, Object> progress) {
        Map<String, Object> copy = new TreeMap<>(progress);
        copy.remove("generatedAt");
        copy.remove("lastEventAt"); // how fresh: a rebuild applies every event again, so this is the time it ran
        return copy;
    }

    /**
     * Every row of every table of the three databases whose text holds the person's id, as "db.table: row" (the
     * erasure event's row in the outbox aside).
     */
    private static List<String> rowsOf(String userId) {
        List<String> found = new ArrayList<>();
        for (String database : List.of("catalog", "session", "progress")) {
            String url = stack.infrastructure().postgres().jdbcUrl(database);
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet r = s.executeQuery("select t::text from " + table + " t where t::text like '%"
                            + userId.replace("'", "''") + "%' limit 5")) {
                        while (r.next()) {
                            String row = r.getString(1);
                            // the erasure's own event, which holds the id and nothing else, stays in the outbox
                            // until it is relayed and the outbox's retention has passed
                            if (!(table.equals("outbox_message") && row.contains(ERASED))) {
                                found.add(database + "." + table + ": " + row);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + database, e);
            }
        }
        return found;
    }

    /** The records on the session topics whose key, value or headers hold the person's id. */
    private static long topicRecordsOf(String userId) {
        Properties properties = new Properties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafka().bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long found = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var topic : List.of(Topics.SESSIONS, Topics.DLQ)) {
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.name(), p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics could not be read to their ends in 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (holds(record.key(), userId) || holds(record.value(), userId)) {
                        found++;
                        continue;
                    }
                    for (Header header : record.headers()) {
                        if (holds(header.value(), userId)) {
                            found++;
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean holds(byte[] bytes, String text) {
        return bytes != null && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(text);
    }

    private static String startSession(String token, OffsetDateTime at, String notes) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new TreeMap<>(
                Map.of("id", id, "startedAt", at.toString(), "timeZone", "Europe/Berlin", "painBefore", 4));
        if (notes != null) {
            body.put("notes", notes);
        }
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(201);
        return id;
    }

    private static String recordSet(String token, String session, String exercise, int seconds, int pain) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", exercise, "holdSeconds", seconds, "pain", pain))
                .post(stack.sessionUrl() + "/sessions/" + session + "/sets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void share(String token, String coach) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("coach", coach))
                .post(stack.progressUrl() + "/progress/me/coaches")
                .then()
                .statusCode(201);
    }
}
