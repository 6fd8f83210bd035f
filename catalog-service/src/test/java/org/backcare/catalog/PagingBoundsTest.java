package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging of the listings: a page whose offset (page × size) no query can reach answers 400 naming page. */
@QuarkusTest
@CatalogTestResources
class PagingBoundsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/exercises", "/routines"})
    void theLargestIntegerAsPageAnswers400NamingPage(String listing) {
        given().get(listing + "?page=2147483647")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"))
                .body("violations[0].message", containsString("2147483647"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/exercises", "/routines"})
    void aPageTimesSizeBeyondTheLargestOffsetAnswers400NamingPage(String listing) {
        given().get(listing + "?page=999999999&size=100")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/exercises", "/routines"})
    void theLastReachablePageAnswersAnEmptyPage(String listing) {
        given().get(listing + "?page=21474836&size=100")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("page", equalTo(21474836))
                .body("total", greaterThan(0));
    }
}
