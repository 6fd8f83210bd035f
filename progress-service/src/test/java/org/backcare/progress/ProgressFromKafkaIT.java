package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.backcare.infra.quarkus.KafkaResource;
import org.backcare.infra.quarkus.KafkaTestClients;
import org.backcare.infra.quarkus.KeycloakResource;
import org.backcare.infra.quarkus.PostgresResource;
import org.backcare.infra.quarkus.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged progress-service consuming the real topic, answering real Keycloak tokens. */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "progress_it"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class ProgressFromKafkaIT {

    private static final String ALICE = org.backcare.infra.quarkus.TestTokens.ALICE;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void eventsOnTheTopicBecomeAlicesTotalsOnceAndPoisonGoesToTheDlq() throws Exception {
        UUID duplicated = UUID.randomUUID();
        String poison = "this is not a cloud event " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = KafkaTestClients.producer()) {
            producer.send(event(ProgressResourceTest.sessionStarted(UUID.randomUUID(), ALICE)));
            producer.send(event(ProgressResourceTest.setRecorded(duplicated, ALICE, 30, null)));
            producer.send(event(poison));
            producer.send(event(ProgressResourceTest.setRecorded(duplicated, ALICE, 30, null)));
            producer.send(event(ProgressResourceTest.setRecorded(UUID.randomUUID(), ALICE, 45, null)));
            producer.flush();
        }
        String alice = SharedInfrastructure.keycloak().accessToken("alice", "alice");
        String bob = SharedInfrastructure.keycloak().accessToken("bob", "bob");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(alice)
                        .get("/progress/me")
                        .then()
                        .statusCode(200)
                        .body("userId", equalTo(ALICE))
                        .body("totals.sessions", equalTo(1))
                        .body("totals.sets", equalTo(2))
                        .body("totals.holdSeconds", equalTo(75)));
        given().auth().oauth2(bob).get("/progress/me").then().statusCode(200).body("totals.holdSeconds", equalTo(0));

        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumerFromStart()) {
            consumer.subscribe(List.of("workout.session-events.dlq"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(r -> r.value().equals(poison));
            });
        }
        ConsumerRecord<String, String> record =
                dead.stream().filter(r -> r.value().equals(poison)).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader("dead-letter-reason").value()))
                .contains("not JSON");
    }

    /** A record as the session-service's outbox relay writes it: structured CloudEvent with its headers. */
    private static ProducerRecord<String, String> event(String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>("workout.session-events", ALICE, payload);
        record.headers()
                .add("content-type", "application/cloudevents+json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }
}
