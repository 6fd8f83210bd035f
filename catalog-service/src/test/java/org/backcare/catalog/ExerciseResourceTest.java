package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
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
                .get("/exercises?region=neck&size=100")
                .then()
                .statusCode(200)
                .body("items", not(empty()))
                .body("total", greaterThanOrEqualTo(2))
                .body("items.regions", everyItem(hasItem("NECK")))
                .body("items.slug", hasItem("chin-to-chest"))
                .body("items.slug", hasItem("ear-to-shoulder"))
                // a lower-body exercise of the same catalog is left out
                .body("items.slug", not(hasItem("glute-bridge")));
        given().when()
                .get("/exercises/glute-bridge")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("regions", not(hasItem("NECK")));
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
    void kindMeasurementAndTextFiltersCombine() {
        given().when()
                .get("/exercises?kind=STRENGTH&measurement=HOLD")
                .then()
                .statusCode(200)
                .body("items.slug", containsInAnyOrder("plank", "side-plank"));
        given().when()
                .get("/exercises?q=NECK")
                .then()
                .statusCode(200)
                .body("items.slug", hasItem("chin-to-chest"))
                .body("items.slug", not(hasItem("glute-bridge")));
    }

    @Test
    void pagesCarryTheTotalAndTheSizeIsCapped() {
        given().when()
                .get("/exercises?size=5&page=1")
                .then()
                .statusCode(200)
                .body("items", hasSize(5))
                .body("page", equalTo(1))
                .body("size", equalTo(5))
                .body("total", greaterThanOrEqualTo(16));
        given().when().get("/exercises?size=1000").then().statusCode(200).body("size", equalTo(100));
        given().when().get("/exercises?size=0").then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().when().get("/exercises?page=first").then().statusCode(400).body("violations[0].field", equalTo("page"));
    }

    @Test
    void anExerciseIsFoundByIdWithItsVersionAsETag() {
        given().when()
                .get("/exercises/6f1d2c3b-0a01-4e5f-8a10-000000000015")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("slug", equalTo("plank"))
                .body("prescriptionNote", containsString("build toward"));
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
