package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.backcare.infra.KafkaBroker;
import org.backcare.infra.quarkus.KafkaResource;
import org.backcare.infra.quarkus.KafkaTestClients;
import org.backcare.infra.quarkus.KeycloakResource;
import org.backcare.infra.quarkus.PostgresResource;
import org.backcare.infra.quarkus.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker process is killed (SIGKILL) while users keep recording: every write still succeeds, and
 * once the broker is back every event reaches the topic exactly once, in order for each user.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "session_outage_it"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CatalogStubResource.class, restrictToAnnotatedClass = true)
class BrokerOutageIT {

    static final String CHIN_TO_CHEST = "6f1d2c3b-0a01-4e5f-8a10-000000000001";
    static final List<String[]> USERS = List.of(
            new String[] {"alice", "9d3a7c1e-5b1f-4c59-9a3e-0a1f2b3c4d51"},
            new String[] {"bob", "5f0c8e2a-7d4b-4e6a-8b1c-1b2c3d4e5f62"});

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryEventArrivesOnceInOrder() throws Exception {
        KafkaBroker broker = SharedInfrastructure.kafka();
        Map<String, String> tokens = new HashMap<>();
        Map<String, UUID> sessions = new HashMap<>();
        Map<String, List<String>> expectedSets = new HashMap<>();
        for (String[] user : USERS) {
            tokens.put(user[1], SharedInfrastructure.keycloak().accessToken(user[0], user[0]));
            UUID session = UUID.randomUUID();
            sessions.put(user[1], session);
            expectedSets.put(user[1], new ArrayList<>());
            given().auth()
                    .oauth2(tokens.get(user[1]))
                    .contentType(ContentType.JSON)
                    .body(Map.of("id", session, "timeZone", "Europe/Berlin"))
                    .post("/sessions")
                    .then()
                    .statusCode(201);
            record(tokens.get(user[1]), session, 30, expectedSets.get(user[1]));
        }

        broker.kill();
        try {
            for (int round = 0; round < 5; round++) {
                for (String[] user : USERS) {
                    record(tokens.get(user[1]), sessions.get(user[1]), 31 + round, expectedSets.get(user[1]));
                }
            }
        } finally {
            broker.start();
        }
        for (String[] user : USERS) {
            record(tokens.get(user[1]), sessions.get(user[1]), 40, expectedSets.get(user[1]));
        }

        Map<String, List<JsonNode>> received = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events"));
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = read(record.value());
                    String user = event.get("subject").asText();
                    if (sessions.containsKey(user)
                            && sessions.get(user)
                                    .toString()
                                    .equals(event.at("/data/sessionId").asText())) {
                        assertThat(record.key()).isEqualTo(user);
                        received.computeIfAbsent(user, u -> new ArrayList<>()).add(event);
                    }
                }
                return USERS.stream()
                        .allMatch(u -> received.getOrDefault(u[1], List.of()).size()
                                >= 1 + expectedSets.get(u[1]).size());
            });
            // anything more (a duplicate) would arrive right behind; read a little longer
            for (int i = 0; i < 4; i++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = read(record.value());
                    if (received.containsKey(event.get("subject").asText())
                            && sessions.get(event.get("subject").asText())
                                    .toString()
                                    .equals(event.at("/data/sessionId").asText())) {
                        received.get(event.get("subject").asText()).add(event);
                    }
                }
            }
        }

        for (String[] user : USERS) {
            List<JsonNode> events = received.get(user[1]);
            assertThat(events.stream().map(e -> e.get("id").asText()).distinct())
                    .as("no duplicates")
                    .hasSize(events.size());
            assertThat(events.get(0).get("type").asText()).isEqualTo("workout.session.started.v1");
            assertThat(events.subList(1, events.size()).stream()
                            .map(e -> e.at("/data/setId").asText())
                            .toList())
                    .as("every set, once, in the order it was recorded")
                    .containsExactlyElementsOf(expectedSets.get(user[1]));
        }
    }

    private static void record(String token, UUID session, int seconds, List<String> recorded) {
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN_TO_CHEST, "holdSeconds", seconds))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        recorded.add(id);
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
