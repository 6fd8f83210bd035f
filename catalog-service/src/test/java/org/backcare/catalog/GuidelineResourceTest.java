package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@CatalogTestResources
class GuidelineResourceTest {

    @Test
    void theArticlesTipsAreServedInItsOrder() {
        given().get("/guidelines")
                .then()
                .statusCode(200)
                .body("items", hasSize(8))
                .body(
                        "items.code",
                        contains(
                                "comfortable-clothes",
                                "never-strain",
                                "no-bouncing",
                                "flat-surface",
                                "hold-30-seconds",
                                "repeat-5-to-10",
                                "start-neck-and-shoulders",
                                "hips-glutes-hamstrings"))
                .body("items.title", hasItem("Never strain or cause pain"))
                .body("items.category", hasItem("SAFETY"));
    }
}
