package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Every answer keys the caller's data by the token's subject: a token that verifies but names none is a 401 that
 * says so (platform/verified-tokens' SubjectRequired), never a 500 or somebody's progress.
 */
@QuarkusTest
@ProgressTestResources
class TokenWithoutSubjectTest {

    @Test
    void aValidTokenWithoutASubjectIsRefusedWith401ProblemSayingWhy() {
        for (String path : new String[] {"/progress/me", "/progress/me/history", "/progress/me/report.csv"}) {
            given().auth()
                    .oauth2(TestTokens.withoutSubject("user"))
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("detail", containsString("no subject"));
        }
    }

    @Test
    void theSameTokenIsRefusedAgainWhenItIsSentASecondTime() {
        String token = TestTokens.withoutSubject("user");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).get("/progress/me").then().statusCode(401);
        }
    }
}
