package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.outbox.OutboxMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class RoutineResourceTest {

    static final String CHIN_TO_CHEST = "6f1d2c3b-0a01-4e5f-8a10-000000000001";
    static final String GLUTE_BRIDGE = "6f1d2c3b-0a01-4e5f-8a10-000000000012";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theThreeShippedRoutinesAreListed() {
        given().get("/routines")
                .then()
                .statusCode(200)
                .body("items.slug", hasItems("neck-and-shoulder-starter", "hips-glutes-hamstrings", "core-foundation"));
    }

    @Test
    void aRoutineShowsItsStepsInOrderWithTheirEffectivePrescription() {
        given().get("/routines/neck-and-shoulder-starter")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("weeklyTarget", equalTo(5))
                .body(
                        "entries.slug",
                        contains("chin-to-chest", "ear-to-shoulder", "shoulder-rolls", "bend-over-touch-toes"))
                .body("entries[0].prescription.holdSeconds", equalTo(30))
                .body("entries[3].prescription.repsMin", equalTo(5))
                .body("entries[3].prescription.repsMax", equalTo(5));
    }

    @Test
    void anAdminCreatesAndReplacesARoutine() {
        var body = routine("morning-mobility", List.of(Map.of("exerciseId", CHIN_TO_CHEST)));
        String id = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/routines")
                .then()
                .statusCode(201)
                .body("entries[0].slug", equalTo("chin-to-chest"))
                .extract()
                .path("id");
        var changed = routine(
                "morning-mobility",
                List.of(
                        Map.of("exerciseId", GLUTE_BRIDGE, "prescription", Map.of("repsMin", 10, "repsMax", 12)),
                        Map.of("exerciseId", CHIN_TO_CHEST)));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(changed)
                .put("/routines/{id}", id)
                .then()
                .statusCode(428);
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(changed)
                .put("/routines/{id}", id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("entries.slug", contains("glute-bridge", "chin-to-chest"))
                .body("entries[0].prescription.repsMin", equalTo(10))
                .body("entries[0].prescription.sets", equalTo(2));
    }

    @Test
    void creatingUpdatingAndRetiringARoutineEachWriteOneEventKeyedByTheRoutineWithItsNewVersion() {
        String id = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(routine("evening-unwind", List.of(Map.of("exerciseId", CHIN_TO_CHEST))))
                .post("/routines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(routineEvents(id)).hasSize(1);
        assertIsTheEventOf(id, 1, routineEvents(id).get(0));

        var changed = routine(
                "evening-unwind",
                List.of(
                        Map.of("exerciseId", CHIN_TO_CHEST),
                        Map.of("exerciseId", GLUTE_BRIDGE, "prescription", Map.of("sets", 3))));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(changed)
                .put("/routines/{id}", id)
                .then()
                .statusCode(200);
        assertThat(routineEvents(id)).hasSize(2);
        JsonNode updated = assertIsTheEventOf(id, 2, routineEvents(id).get(1));
        assertThat(updated.at("/data/routine/entries/1/position").asInt()).isEqualTo(2);
        assertThat(updated.at("/data/routine/entries/1/exerciseId").asText()).isEqualTo(GLUTE_BRIDGE);
        assertThat(updated.at("/data/routine/entries/1/prescription/sets").asInt())
                .isEqualTo(3);
        assertThat(updated.at("/data/routine/entries/1/prescription/repsMin").isNull())
                .as("a value the routine does not override is null")
                .isTrue();

        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(changed)
                .put("/routines/{id}", id)
                .then()
                .statusCode(412);
        assertThat(routineEvents(id)).as("a refused change writes nothing").hasSize(2);

        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/routines/{id}", id)
                .then()
                .statusCode(204);
        assertThat(routineEvents(id)).hasSize(3);
        JsonNode retired = assertIsTheEventOf(id, 3, routineEvents(id).get(2));
        assertThat(retired.at("/data/routine/status").asText()).isEqualTo("RETIRED");

        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/routines/{id}", id)
                .then()
                .statusCode(204);
        assertThat(routineEvents(id))
                .as("retiring a retired routine changes nothing")
                .hasSize(3);
    }

    @Test
    void entriesMustReferencePublishedExercises() {
        String retired = ExerciseAdminTest.create("retired-for-routine");
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/exercises/{id}", retired)
                .then()
                .statusCode(204);
        var body = routine(
                "broken-routine",
                List.of(
                        Map.of("exerciseId", CHIN_TO_CHEST),
                        Map.of("exerciseId", UUID.randomUUID().toString()),
                        Map.of("exerciseId", retired)));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/routines")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("entries[1].exerciseId", "entries[2].exerciseId"));
        given().get("/routines/broken-routine").then().statusCode(404);
    }

    @Test
    void anOverrideOutOfRangeAnswers400() {
        var body = routine(
                "too-long", List.of(Map.of("exerciseId", CHIN_TO_CHEST, "prescription", Map.of("holdSeconds", 900))));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/routines")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("entries[0].prescription.holdSeconds"));
    }

    @Test
    void onlyAnAdminWritesRoutines() {
        var body = routine("users-routine", List.of(Map.of("exerciseId", CHIN_TO_CHEST)));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/routines")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.user(TestTokens.BOB))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/routines")
                .then()
                .statusCode(403);
    }

    /** The outbox rows for catalog.routines keyed by {@code routineId}, oldest first. */
    static List<OutboxMessage> routineEvents(String routineId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.list("topic = ?1 and key = ?2 order by seq", "catalog.routines", routineId));
    }

    private static JsonNode assertIsTheEventOf(String routineId, long version, OutboxMessage row) {
        assertThat(row.topic).isEqualTo("catalog.routines");
        assertThat(row.key).isEqualTo(routineId);
        assertThat(row.type).isEqualTo("catalog.routine.upserted.v1");
        JsonNode event = read(row.payload);
        assertThat(event.get("subject").asText()).isEqualTo(routineId);
        assertThat(event.at("/data/routineId").asText()).isEqualTo(routineId);
        assertThat(event.at("/data/version").asLong()).isEqualTo(version);
        assertThat(event.at("/data/routine/id").asText()).isEqualTo(routineId);
        assertThat(event.at("/data/routine/version").asLong()).isEqualTo(version);
        assertThat(event.at("/data/routine/weeklyTarget").asInt()).isEqualTo(7);
        return event;
    }

    static JsonNode read(String payload) {
        try {
            return new ObjectMapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> routine(String slug, List<Map<String, Object>> entries) {
        return Map.of(
                "slug",
                slug,
                "name",
                "Morning mobility",
                "description",
                "A short start to the day.",
                "weeklyTarget",
                7,
                "entries",
                entries);
    }
}
