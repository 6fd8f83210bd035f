package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** POST /progress/admin/rebuild answers 202 and a status to poll: start one, and wait for its end. */
public final class Rebuilds {

    private Rebuilds() {}

    /** Starts a rebuild (202, running, a Location); answers the Location of its status. */
    public static String start(String adminToken) {
        return given().auth()
                .oauth2(adminToken)
                .post("/progress/admin/rebuild")
                .then()
                .statusCode(202)
                .header("Location", containsString("/progress/admin/rebuilds/"))
                .body("state", equalTo("running"))
                .body("startedAt", org.hamcrest.Matchers.notNullValue())
                .extract()
                .header("Location");
    }

    /** Polls the status at {@code location} until the rebuild is no longer running; answers the last status. */
    public static JsonPath awaitEnd(String adminToken, String location) {
        return await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get(location)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        status -> !"running".equals(status.getString("state")));
    }

    /** Starts a rebuild and waits for it to be done; answers its status (the figures). */
    public static JsonPath runToTheEnd(String adminToken) {
        JsonPath status = awaitEnd(adminToken, start(adminToken));
        if (!"done".equals(status.getString("state"))) {
            throw new AssertionError("the rebuild " + status.getString("state") + ": " + status.getString("error"));
        }
        return status;
    }
}
