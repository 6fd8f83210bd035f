package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/** platform/problem's AnswerHeaders on the progress-service: health data is never cached, no page can be framed. */
@QuarkusTest
@ProgressTestResources
class AnswerHeadersTest {

    private static void hasThePolicy(ValidatableResponse answer) {
        answer.header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void everyAnswerWithPersonalDataIsNeverStoredAndCannotBeFramed() {
        String alice = TestTokens.user(TestTokens.ALICE);
        for (String path : new String[] {
            "/progress/me", "/progress/me/report", "/progress/me/report.csv", "/progress/me/report.fhir.json"
        }) {
            hasThePolicy(given().auth().oauth2(alice).get(path).then().statusCode(200));
        }
    }

    @Test
    void theReportPageRunsNoScriptButKeepsItsInlineStyleSheet() {
        given().auth()
                .oauth2(TestTokens.user(TestTokens.ALICE))
                .get("/progress/me/report")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("style-src 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.not(containsString("script-src")));
    }

    @Test
    void refusalsAndHealthCarryTheHeadersToo() {
        hasThePolicy(given().get("/progress/me").then().statusCode(401));
        hasThePolicy(given().get("/q/health/ready").then());
    }

    @Test
    void strictTransportSecurityOnlyWhenTheRequestCameOverTls() {
        // the service trusts no proxy: X-Forwarded-Proto from the client is ignored
        given().header("X-Forwarded-Proto", "https")
                .get("/q/health/live")
                .then()
                .header("Strict-Transport-Security", nullValue());
    }
}
