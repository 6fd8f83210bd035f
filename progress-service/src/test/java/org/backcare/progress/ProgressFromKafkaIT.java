package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.quarkus.KafkaResource;
import org.backcare.infra.quarkus.KafkaTestClients;
import org.backcare.infra.quarkus.KeycloakResource;
import org.backcare.infra.quarkus.PostgresResource;
import org.backcare.infra.quarkus.SharedInfrastructure;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged progress-service against the real broker, PostgreSQL and Keycloak: batches from the topic, poison
 * to the dead-letter topic, a rebuild from the session-service's history stream (served from this test by
 * {@link SessionHistoryServer}) with identical figures, and coach sharing with real tokens.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = ProgressFromKafkaIT.DATABASE),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SessionHistoryServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgressFromKafkaIT {

    static final String DATABASE = "progress_it";
    private static final String ALICE = TestTokens.ALICE;
    private static final String CAROL = TestTokens.CAROL;
    private static final String ZONE = "Europe/Berlin";
    private static final String MARKER = UUID.randomUUID().toString();
    private static final List<String> POISON = List.of(
            "this is not a cloud event " + MARKER,
            "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"type\":\"workout.set.exploded.v1\",\"m\":\"" + MARKER + "\"}",
            "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"type\":\"workout.set.recorded.v1\",\"data\":{\"userId\":\"" + MARKER + "\"}}");

    /** Alice's sessions as the session-service's database holds them after the first test: its history stream. */
    private static final List<String> HISTORY = new ArrayList<>();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    @Order(1)
    void batchesFromTheTopicBecomeAlicesProgressOnceAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC)
                .withHour(7)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        List<String> events = new ArrayList<>();
        String deletedSet = id();
        String firstSession = id();
        for (int daysAgo = 2; daysAgo >= 0; daysAgo--) {
            String session = daysAgo == 2 ? firstSession : id();
            String start = today.minusDays(daysAgo).toString();
            events.add(started(ALICE, session, start, ZONE, 4 - daysAgo));
            events.add(hold(
                    ALICE,
                    session,
                    daysAgo == 2 ? deletedSet : id(),
                    EAR_TO_SHOULDER,
                    "LEFT",
                    30,
                    1,
                    today.minusDays(daysAgo).plusMinutes(1).toString(),
                    ZONE));
            events.add(hold(
                    ALICE,
                    session,
                    id(),
                    EAR_TO_SHOULDER,
                    "RIGHT",
                    25,
                    1,
                    today.minusDays(daysAgo).plusMinutes(2).toString(),
                    ZONE));
            events.add(reps(
                    ALICE,
                    session,
                    id(),
                    10,
                    2,
                    today.minusDays(daysAgo).plusMinutes(3).toString(),
                    ZONE));
            events.add(completed(
                    ALICE,
                    session,
                    start,
                    today.minusDays(daysAgo).plusMinutes(15).toString(),
                    ZONE,
                    4 - daysAgo,
                    1));
        }
        // the history stream: every session as it stands (the deleted set is absent)
        events.stream().filter(e -> !e.contains(deletedSet)).forEach(HISTORY::add);
        String duplicate = events.get(1);
        events.add(duplicate);
        events.add(deleted(
                ALICE,
                firstSession,
                deletedSet,
                EAR_TO_SHOULDER,
                "LEFT",
                30,
                null,
                today.minusDays(2).plusMinutes(1).toString(),
                ZONE));
        try (KafkaProducer<String, String> producer = KafkaTestClients.producer()) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(event(ALICE, events.get(i)));
                if (i % 5 == 2 && i / 5 < POISON.size()) {
                    producer.send(event(ALICE, POISON.get(i / 5)));
                }
            }
            producer.flush();
        }
        String alice = token("alice");

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(alice)
                        .get("/progress/me")
                        .then()
                        .statusCode(200)
                        .body("userId", equalTo(ALICE))
                        .body("totals.sessions", equalTo(3))
                        .body("totals.sets", equalTo(8))
                        .body("totals.holdSeconds", equalTo(30 * 2 + 25 * 3))
                        .body("totals.reps", equalTo(30))
                        .body("streak.current", equalTo(3)));
        given().auth()
                .oauth2(token("bob"))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("totals.sets", equalTo(0));

        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events.dlq"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().filter(r -> r.value().contains(MARKER)).count() >= POISON.size();
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(dead::add);
        }
        List<ConsumerRecord<String, String>> ours =
                dead.stream().filter(r -> r.value().contains(MARKER)).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsExactlyElementsOf(POISON);
        assertThat(header(ours.get(0), "dead-letter-reason")).startsWith("not JSON");
        assertThat(header(ours.get(1), "dead-letter-reason")).isEqualTo("unknown event type 'workout.set.exploded.v1'");
        assertThat(header(ours.get(2), "dead-letter-reason")).isEqualTo("data.sessionId is missing");
        assertThat(ours).allSatisfy(r -> {
            assertThat(header(r, "dead-letter-topic")).isEqualTo("workout.session-events");
            assertThat(header(r, "dead-letter-offset")).isNotBlank();
            assertThat(r.key()).isEqualTo(ALICE);
        });
    }

    @Test
    @Order(2)
    void aRebuildFromTheSessionHistoryGivesIdenticalFigures() throws Exception {
        Map<String, List<String>> before = figures();
        assertThat(before.get("set_fact")).hasSize(8);
        List<String> indexes = projections().get("indexes");
        SessionHistoryServer.serve(HISTORY);

        var result = Rebuilds.runToTheEnd(token("admin"));

        assertThat(result.getLong("records")).isEqualTo(HISTORY.size());
        assertThat(result.getLong("users")).isEqualTo(1);
        assertThat(result.getLong("poisonSkipped")).isZero();
        assertThat(figures()).isEqualTo(before);
        assertThat(projections().get("indexes")).as("every index built again").isEqualTo(indexes);
        given().auth()
                .oauth2(token("alice"))
                .post("/progress/admin/rebuild")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(3)
    void aCoachReadsAlicesReportOnlyWhileSheSharesIt() {
        String alice = token("alice");
        String carol = token("carol");
        String path = "/progress/users/" + ALICE + "/report";
        given().auth().oauth2(carol).get(path).then().statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(alice).put("/progress/me/coaches/" + CAROL).then().statusCode(201);
        given().auth().oauth2(carol).get(path).then().statusCode(200).contentType("text/html");
        given().auth()
                .oauth2(carol)
                .get("/progress/coaching")
                .then()
                .statusCode(200)
                .body("items[0].userId", equalTo(ALICE));
        given().auth().oauth2(token("bob")).get(path).then().statusCode(404);
        given().auth().oauth2(token("admin")).get(path + ".csv").then().statusCode(200);

        given().auth()
                .oauth2(alice)
                .delete("/progress/me/coaches/" + CAROL)
                .then()
                .statusCode(204);
        given().auth().oauth2(carol).get(path).then().statusCode(404);
    }

    private static String token(String user) {
        return SharedInfrastructure.keycloak().accessToken(user, user);
    }

    static Map<String, List<String>> figures() throws Exception {
        String url = SharedInfrastructure.postgres().jdbcUrl(DATABASE);
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            return ProjectionTables.figures(c);
        }
    }

    static Map<String, List<String>> projections() throws Exception {
        String url = SharedInfrastructure.postgres().jdbcUrl(DATABASE);
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            return ProjectionTables.read(c, true);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record as the session-service's outbox relay writes it: a structured CloudEvent keyed by the user. */
    private static ProducerRecord<String, String> event(String user, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>("workout.session-events", user, payload);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
