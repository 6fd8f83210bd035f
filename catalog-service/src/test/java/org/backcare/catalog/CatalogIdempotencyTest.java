package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.catalog.ExerciseAdminTest.exercise;
import static org.backcare.catalog.RoutineResourceTest.CHIN_TO_CHEST;
import static org.backcare.catalog.RoutineResourceTest.routine;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the catalog's POSTs (/exercises, /routines): the mechanism of platform/idempotency. */
@QuarkusTest
@CatalogTestResources
class CatalogIdempotencyTest {

    private final String key = UUID.randomUUID().toString();

    @Test
    void aRetriedExerciseCreationGetsTheSameAnswerAndCreatesOnce() {
        var body = exercise("idempotent-twist");
        ExtractableResponse<Response> first = post("/exercises", body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract();
        post("/exercises", body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")))
                .body("id", equalTo(first.path("id")));
        assertThat(count("select count(*) from exercise where slug = 'idempotent-twist'"))
                .isOne();
    }

    @Test
    void aRetriedRoutineCreationGetsTheSameAnswerAndCreatesOnce() {
        var body = routine("idempotent-routine", List.of(Map.of("exerciseId", CHIN_TO_CHEST)));
        String id = post("/routines", body).then().statusCode(201).extract().path("id");
        post("/routines", body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("entries[0].slug", equalTo("chin-to-chest"));
        assertThat(count("select count(*) from routine where slug = 'idempotent-routine'"))
                .isOne();
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422NamingTheHeader() {
        post("/exercises", exercise("idempotent-first")).then().statusCode(201);
        post("/exercises", exercise("idempotent-second"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        assertThat(count("select count(*) from exercise where slug = 'idempotent-second'"))
                .isZero();
    }

    @Test
    void anExpiredRecordLetsTheRequestRunAgain() {
        var body = exercise("idempotent-expiry");
        post("/exercises", body).then().statusCode(201);
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("update idempotent_request set created_at = now() - interval '25 hours'"
                                + " where idempotency_key = ?1")
                        .setParameter(1, key)
                        .executeUpdate());

        // it runs again, and so meets the exercise it created the first time
        post("/exercises", body)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .header("Idempotent-Replayed", nullValue());
    }

    private Response post(String path, Map<String, Object> body) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path);
    }

    private static long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery(sql)
                                .getSingleResult())
                        .longValue());
    }
}
