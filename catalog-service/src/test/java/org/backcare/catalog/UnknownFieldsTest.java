package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/** A catalog write with a field the endpoint does not know is a 400 naming it, not a quietly dropped value. */
@QuarkusTest
@CatalogTestResources
class UnknownFieldsTest {

    @Test
    void aMisspelledPrescriptionFieldOfANewExerciseIsA400NamingItsPath() {
        Map<String, Object> exercise = Map.ofEntries(
                Map.entry("slug", "unknown-fields-test"),
                Map.entry("name", "Unknown fields test"),
                Map.entry("summary", "Never stored."),
                Map.entry("instructions", List.of("Breathe.")),
                Map.entry("kind", "STRETCH"),
                Map.entry("regions", List.of("NECK")),
                Map.entry("measurement", "HOLD"),
                Map.entry("sided", false),
                Map.entry("prescription", Map.of("holdSecond", 30, "sets", 1)),
                Map.entry("safetyCues", List.of()));

        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(exercise)
                .post("/exercises")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("prescription.holdSecond"));
        given().get("/exercises/unknown-fields-test").then().statusCode(404);
    }
}
