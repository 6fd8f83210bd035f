package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.CHIN;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.start;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.backcare.idempotency.IdempotencyPurge;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key over time: answers are replayed for backcare.idempotency.retention (PT24H) and then forgotten; a
 * claim a crashed request left pending is taken over after backcare.idempotency.pending-timeout (PT1M). Records are
 * aged in the table, as time would age them.
 */
@QuarkusTest
@SessionTestResources
class IdempotencyKeyTest {

    @Inject
    IdempotencyPurge purge;

    private final String user = UUID.randomUUID().toString();
    private final String key = UUID.randomUUID().toString();

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerWithoutASecondSet() {
        UUID session = start(user, null);
        String first = recordHold(session, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .path("id");
        recordHold(session, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(1));
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422NamingTheHeader() {
        UUID session = start(user, null);
        recordHold(session, key).then().statusCode(201);
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 45))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void anExpiredRecordIsAsGoodAsAbsentSoTheRequestRunsAgain() {
        UUID session = start(user, null);
        String first = recordHold(session, key).then().statusCode(201).extract().path("id");
        age("25 hours");

        String second = recordHold(session, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
        as(user).get("/sessions/{id}", session).then().body("sets", hasSize(2));
        // and the new answer is the one replayed from now on
        recordHold(session, key).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void aClaimLeftPendingLongerThanThePendingTimeoutIsTakenOverByTheRetry() {
        UUID session = start(user, null);
        recordHold(session, key).then().statusCode(201);
        leavePending("2 minutes");

        recordHold(session, key).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertThat(status()).as("the retry's answer is kept").isEqualTo(201);
    }

    @Test
    void aFreshPendingClaimStillAnswers409() {
        UUID session = start(user, null);
        recordHold(session, key).then().statusCode(201);
        leavePending("1 second");

        recordHold(session, key)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("the request with this Idempotency-Key is still being processed; retry"));
    }

    @Test
    void completingWithAKeyAndNoBodyCompletesAndIsReplayed() {
        UUID session = start(user, null);
        // a JSON request without a body: complete now, nothing to add (it answered 500 with a key)
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("painAfter", nullValue())
                .body("notes", nullValue());
        as(user).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .post("/sessions/{id}/complete", session)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void thePurgeDeletesExpiredRecordsAndKeepsTheOthers() {
        UUID session = start(user, null);
        recordHold(session, key).then().statusCode(201);
        age("25 hours");
        String fresh = UUID.randomUUID().toString();
        recordHold(session, fresh).then().statusCode(201);

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
        assertThat(rows(key)).isZero();
        assertThat(rows(fresh)).isOne();
    }

    private io.restassured.response.Response recordHold(UUID session, String idempotencyKey) {
        return as(user).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", CHIN, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session);
    }

    /** As if the key's request had been answered this long ago. */
    private void age(String interval) {
        update(
                "update idempotent_request set created_at = now() - cast(?3 as interval)"
                        + " where user_id = ?1 and idempotency_key = ?2",
                interval);
    }

    /** As if the key's request had been claimed this long ago and never finished (the service crashed). */
    private void leavePending(String interval) {
        update(
                "update idempotent_request set status = 0, response_body = null, location = null,"
                        + " created_at = now() - cast(?3 as interval) where user_id = ?1 and idempotency_key = ?2",
                interval);
    }

    private void update(String sql, String interval) {
        int updated = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery(sql)
                        .setParameter(1, user)
                        .setParameter(2, key)
                        .setParameter(3, interval)
                        .executeUpdate());
        assertThat(updated).isOne();
    }

    private int status() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select status from idempotent_request"
                                        + " where user_id = ?1 and idempotency_key = ?2")
                                .setParameter(1, user)
                                .setParameter(2, key)
                                .getSingleResult())
                        .intValue());
    }

    private long rows(String idempotencyKey) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select count(*) from idempotent_request"
                                        + " where user_id = ?1 and idempotency_key = ?2")
                                .setParameter(1, user)
                                .setParameter(2, idempotencyKey)
                                .getSingleResult())
                        .longValue());
    }
}
