package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.backcare.infra.quarkus.PostgresResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "catalog_test"))
class ExerciseResourceTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theArticlesExercisesAreServedWithoutAToken() {
        given().when()
                .get("/exercises?size=100")
                .then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(4))
                .body("items.slug", hasItem("chin-to-chest"))
                .body("items.slug", hasItem("ear-to-shoulder"))
                .body("items.slug", hasItem("shoulder-rolls"))
                .body("items.slug", hasItem("bend-over-touch-toes"));
    }

    @Test
    void anExerciseIsFoundBySlugWithItsPrescription() {
        given().when()
                .get("/exercises/chin-to-chest")
                .then()
                .statusCode(200)
                .body("name", equalTo("Chin to chest"))
                .body("measurement", equalTo("HOLD"))
                .body("prescription.holdSeconds", equalTo(30))
                .body("prescription.repsMin", equalTo(5))
                .body("prescription.repsMax", equalTo(10));
    }

    @Test
    void theRegionFilterKeepsOnlyThatRegion() {
        given().when()
                .get("/exercises?region=neck")
                .then()
                .statusCode(200)
                .body("items.regions", everyItem(hasItem("NECK")));
    }

    @Test
    void anUnknownRegionAnswers400NamingTheFieldAndTheAllowedValues() {
        given().when()
                .get("/exercises?region=KNEES")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("region"))
                .body("violations[0].message", containsString("LOWER_BACK"));
    }

    @Test
    void anUnknownExerciseAnswers404AsProblemJson() {
        given().when()
                .get("/exercises/no-such-stretch")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
