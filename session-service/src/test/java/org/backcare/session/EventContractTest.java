package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.recordHold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The published contract: samples and the events this service really produces match the JSON Schemas. */
@QuarkusTest
@SessionTestResources
class EventContractTest {

    static final List<String> TYPES = List.of(
            "workout.session.started.v1",
            "workout.set.recorded.v1",
            "workout.set.deleted.v1",
            "workout.session.completed.v1",
            "workout.set.corrected.v1",
            "workout.session.deleted.v1",
            "workout.user.erased.v1");

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ObjectMapper json;

    @Test
    void everySampleMatchesItsSchema() throws IOException {
        for (String type : TYPES) {
            JsonNode sample = json.readTree(resource("contracts/samples/" + type + ".json"));
            assertThat(schema(type).validate(sample)).as(type).isEmpty();
            assertThat(sample.get("type").asText()).isEqualTo(type);
        }
    }

    @Test
    void aSchemaRefusesAnEventThatBreaksIt() throws IOException {
        JsonNode sample = json.readTree(resource("contracts/samples/workout.set.recorded.v1.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample.get("data")).put("holdSeconds", 601);
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample.get("data")).remove("exercise");
        assertThat(schema("workout.set.recorded.v1").validate(sample)).hasSize(2);
    }

    @Test
    void theEventsOfARealSessionMatchTheSchemasInOrder() throws IOException {
        String user = UUID.randomUUID().toString();
        UUID session = SessionLifecycleTest.start(user, null);
        String hold = recordHold(user, session, 30);
        as(user).contentType(ContentType.JSON)
                .body(Map.of(
                        "exerciseId",
                        FixtureExerciseDirectory.EAR_TO_SHOULDER,
                        "side",
                        "LEFT",
                        "holdSeconds",
                        25,
                        "pain",
                        3))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
        as(user).delete("/sessions/{id}/sets/{set}", session, hold).then().statusCode(204);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("painAfter", 2))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200);
        String left = as(user).get("/sessions/{id}", session).then().extract().path("sets[0].id");
        as(user).contentType(ContentType.JSON)
                .body(Map.of("holdSeconds", 20, "pain", 4))
                .patch("/sessions/{id}/sets/{set}", session, left)
                .then()
                .statusCode(200);
        as(user).delete("/sessions/{id}", session).then().statusCode(204);

        var sink = connector.<String>sink("outbox");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mine(sink, user).size() == 7);
        List<JsonNode> events = mine(sink, user);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "workout.session.started.v1",
                        "workout.set.recorded.v1",
                        "workout.set.recorded.v1",
                        "workout.set.deleted.v1",
                        "workout.session.completed.v1",
                        "workout.set.corrected.v1",
                        "workout.session.deleted.v1");
        for (JsonNode event : events) {
            assertThat(schema(event.get("type").asText()).validate(event))
                    .as(event.toString())
                    .isEmpty();
        }
    }

    @Test
    void theEventOfAnErasureMatchesItsSchemaAndHasTheShapeOfItsSample() throws IOException {
        String user = UUID.randomUUID().toString();
        SessionLifecycleTest.start(user, null);
        as(user).delete("/me").then().statusCode(202);

        var sink = connector.<String>sink("outbox");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mine(sink, user).stream()
                        .anyMatch(e -> e.get("type").asText().equals("workout.user.erased.v1")));
        JsonNode erased = mine(sink, user).stream()
                .filter(e -> e.get("type").asText().equals("workout.user.erased.v1"))
                .findFirst()
                .orElseThrow();
        assertThat(schema("workout.user.erased.v1").validate(erased)).isEmpty();
        JsonNode sample = json.readTree(resource("contracts/samples/workout.user.erased.v1.json"));
        assertThat(fieldNames(erased)).isEqualTo(fieldNames(sample));
        assertThat(fieldNames(erased.get("data")))
                .isEqualTo(fieldNames(sample.get("data")))
                .containsExactly("id", "occurredAt", "userId");
        assertThat(erased.at("/data/userId").asText()).isEqualTo(user);
        assertThat(erased.get("subject").asText()).isEqualTo(user);
        assertThat(erased.get("id")).isEqualTo(erased.at("/data/id"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<JsonNode> mine(io.smallrye.reactive.messaging.memory.InMemorySink<String> sink, String user) {
        return sink.received().stream()
                .map(m -> m.getPayload())
                .filter(p -> p.contains("\"subject\":\"" + user + "\""))
                .map(p -> {
                    try {
                        return json.readTree(p);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    static JsonSchema schema(String type) throws IOException {
        try (InputStream in = resource("contracts/schemas/" + type + ".json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }
}
