package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import org.awaitility.Awaitility;

/** A rebuild of the progress-service's projections, started as an admin and followed to its end. */
final class ProgressRebuild {

    private ProgressRebuild() {}

    /** Starts a rebuild (202 and a status resource), polls its status until it ends, and checks it ended done. */
    static void runToTheEnd(String progressUrl, String adminToken) {
        String status = given().auth()
                .oauth2(adminToken)
                .post(progressUrl + "/progress/admin/rebuild")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        // the rebuild runs in the background: its status resource says when it is done
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get(status)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("state"),
                        state -> !"running".equals(state));
        given().auth().oauth2(adminToken).get(status).then().body("state", equalTo("done"));
    }
}
