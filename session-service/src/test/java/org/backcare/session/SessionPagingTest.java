package org.backcare.session;

import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Paging of GET /sessions: a page whose offset (page × size) no query can reach answers 400 naming page. */
@QuarkusTest
@SessionTestResources
class SessionPagingTest {

    private final String user = UUID.randomUUID().toString();

    @Test
    void theLargestIntegerAsPageAnswers400NamingPage() {
        as(user).get("/sessions?page=2147483647")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"))
                .body("violations[0].message", containsString("2147483647"));
    }

    @Test
    void aPageTimesSizeBeyondTheLargestOffsetAnswers400NamingPage() {
        as(user).get("/sessions?page=999999999&size=100")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("page"));
    }

    @Test
    void theLastReachablePageAnswersAnEmptyPage() {
        start(user, null);
        as(user).get("/sessions?page=21474836&size=100")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("page", equalTo(21474836))
                .body("total", equalTo(1));
    }
}
