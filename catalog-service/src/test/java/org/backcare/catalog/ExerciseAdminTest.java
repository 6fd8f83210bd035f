package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.outbox.OutboxMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class ExerciseAdminTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void writesNeedAToken() {
        given().contentType(ContentType.JSON)
                .body(exercise("no-token"))
                .post("/exercises")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().delete("/exercises/{id}", UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void aUserMayNotWriteTheCatalog() {
        given().auth()
                .oauth2(TestTokens.user(TestTokens.ALICE))
                .contentType(ContentType.JSON)
                .body(exercise("user-attempt"))
                .post("/exercises")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(countSlug("user-attempt")).isZero();
    }

    @Test
    void anAdminCreatesAnExerciseAndItsEventGoesToTheOutbox() {
        String id = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(exercise("seated-twist"))
                .post("/exercises")
                .then()
                .statusCode(201)
                .header("Location", containsString("/exercises/"))
                .header("ETag", equalTo("\"1\""))
                .body("status", equalTo("PUBLISHED"))
                .body("version", equalTo(1))
                .extract()
                .path("id");

        given().get("/exercises/seated-twist").then().statusCode(200).body("id", equalTo(id));
        List<OutboxMessage> events = outboxFor(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).topic).isEqualTo("catalog.exercises");
        assertThat(events.get(0).type).isEqualTo("catalog.exercise.upserted.v1");
        assertThat(events.get(0).payload).contains("\"slug\":\"seated-twist\"").contains("\"version\":1");
    }

    @Test
    void replacingNeedsIfMatchAndRefusesAStaleVersion() {
        String id = create("cobra-stretch");
        Map<String, Object> changed = exercise("cobra-stretch");
        changed.put("summary", "Lifts the chest gently to extend the lower back.");

        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(changed)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body(changed)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(changed)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("summary", equalTo("Lifts the chest gently to extend the lower back."))
                .body("version", equalTo(2));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(changed)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(412);
        assertThat(outboxFor(id)).hasSize(2);
    }

    @Test
    void aRetiredExerciseStaysReadableButLeavesTheListing() {
        String id = create("to-retire");
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/exercises/{id}", id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/exercises/{id}", id)
                .then()
                .statusCode(204);

        given().get("/exercises/{id}", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("RETIRED"))
                .body("version", equalTo(2));
        given().get("/exercises?size=100").then().body("items.slug", not(hasItem("to-retire")));
        given().get("/exercises?status=RETIRED&size=100").then().body("items.slug", hasItem("to-retire"));
        assertThat(outboxFor(id)).hasSize(2);
    }

    @Test
    void aTakenSlugAnswers409AndWritesNothing() {
        long before = countOutbox();
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(exercise("chin-to-chest"))
                .post("/exercises")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertThat(countOutbox()).isEqualTo(before);
    }

    @Test
    void anUnknownRegionInTheBodyAnswers400NamingTheFieldAndTheAllowedValues() {
        Map<String, Object> body = exercise("bad-region");
        body.put("regions", List.of("NECK", "KNEES"));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/exercises")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("regions[1]"))
                .body("violations[0].message", containsString("HAMSTRINGS"));
        assertThat(countSlug("bad-region")).isZero();
    }

    @Test
    void aPrescriptionOutOfRangeAnswers400NamingEachField() {
        Map<String, Object> body = exercise("bad-prescription");
        body.put("prescription", Map.of("holdSeconds", 601, "repsMin", 10, "repsMax", 5, "sets", 1));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/exercises")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("prescription.holdSeconds"))
                .body("violations.field", hasItem("prescription.repsMax"));
        body.put("prescription", Map.of("repsMin", 0, "repsMax", 101, "sets", 1));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/exercises")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("prescription.holdSeconds"))
                .body("violations.field", hasItem("prescription.repsMin"))
                .body("violations.field", hasItem("prescription.repsMax"));
        assertThat(countSlug("bad-prescription")).isZero();
    }

    @Test
    void missingFieldsAndAnUnknownIdAnswerProblems() {
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("slug", "Not A Slug"))
                .post("/exercises")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("slug"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("prescription"));
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(exercise("ghost"))
                .put("/exercises/{id}", UUID.randomUUID())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.admin())
                .delete("/exercises/{id}", UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    static Map<String, Object> exercise(String slug) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("name", "Seated twist");
        body.put("summary", "Sitting tall, turn gently to one side to mobilise the upper back.");
        body.put("instructions", List.of("Sit tall on a chair.", "Turn slowly to one side and hold."));
        body.put("kind", "STRETCH");
        body.put("regions", List.of("UPPER_BACK", "LOWER_BACK"));
        body.put("measurement", "HOLD");
        body.put("sided", true);
        body.put("prescription", Map.of("holdSeconds", 30, "repsMin", 5, "repsMax", 10, "sets", 1));
        body.put("safetyCues", List.of("Never strain or cause pain.", "Stretch slowly, without bouncing."));
        return body;
    }

    static String create(String slug) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(exercise(slug))
                .post("/exercises")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static List<OutboxMessage> outboxFor(String exerciseId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.list("key = ?1 order by seq", exerciseId));
    }

    static long countOutbox() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count());
    }

    static long countSlug(String slug) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createQuery("select count(e) from ExerciseEntity e where e.slug = ?1", Long.class)
                        .setParameter(1, slug)
                        .getSingleResult());
    }
}
