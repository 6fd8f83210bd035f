package org.backcare.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A field the endpoint does not know is refused with 400 naming its JSON path (platform/problem's
 * StrictRequestBodies) on every write: "holdSecond": 30 would otherwise lose the seconds without a word.
 */
@QuarkusTest
@SessionTestResources
class UnknownFieldsTest {

    private static final String CHIN = FixtureExerciseDirectory.CHIN_TO_CHEST.toString();

    private final String user = UUID.randomUUID().toString();

    private RequestSpecification asUser() {
        return given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON);
    }

    private UUID startedSession() {
        UUID id = UUID.randomUUID();
        asUser().body(Map.of("id", id, "timeZone", "Europe/Berlin"))
                .post("/sessions")
                .then()
                .statusCode(201);
        return id;
    }

    @Test
    void aMisspelledFieldOfASetIsA400NamingItNotASetWithoutSeconds() {
        UUID session = startedSession();

        asUser().body(Map.of("exerciseId", CHIN, "holdSecond", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("holdSecond"));
        asUser().get("/sessions/{id}", session).then().statusCode(200).body("sets.size()", equalTo(0));
    }

    @Test
    void aUserIdInTheBodyIsRefusedTheOwnerComesFromTheToken() {
        asUser().body(Map.of("id", UUID.randomUUID(), "timeZone", "Europe/Berlin", "userId", TestTokens.BOB))
                .post("/sessions")
                .then()
                .statusCode(400)
                .body("violations.field", contains("userId"));
    }

    @Test
    void anUnknownFieldDeepInAnImportIsNamedByItsPath() {
        Map<String, Object> set = Map.of("exerciseId", CHIN, "holdSeconds", 30, "holdSecond", 30);
        Map<String, Object> session = Map.of(
                "id",
                UUID.randomUUID(),
                "startedAt",
                "2026-01-05T07:30:00Z",
                "timeZone",
                "Europe/Berlin",
                "sets",
                List.of(set));

        asUser().body(Map.of("sessions", List.of(session)))
                .post("/sessions/import")
                .then()
                .statusCode(400)
                .body("violations.field", contains("sessions[0].sets[0].holdSecond"));
    }

    @Test
    void correctingAndCompletingRefuseUnknownFieldsToo() {
        UUID session = startedSession();
        String set = asUser().body(Map.of("exerciseId", CHIN, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        asUser().body(Map.of("holdSecond", 25))
                .patch("/sessions/{id}/sets/{set}", session, set)
                .then()
                .statusCode(400)
                .body("violations.field", contains("holdSecond"));
        asUser().body(Map.of("painAftre", 2))
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(400)
                .body("violations.field", contains("painAftre"));
    }
}
