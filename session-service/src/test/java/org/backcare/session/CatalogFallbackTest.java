package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.start;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.session.CatalogServer.Behaviour;
import org.backcare.session.catalog.CatalogFallback;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST fallback to the catalog for exercises the replica lacks, with its real client, timeout, retries and
 * circuit breaker, against a catalog on a real port that answers, refuses, fails, hangs or is down.
 */
@QuarkusTest
@SessionTestResources
class CatalogFallbackTest {

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private String user;
    private UUID session;

    @BeforeEach
    void aFreshBreakerAndASession() {
        CatalogServer.reset();
        circuitBreakers.resetAll();
        user = UUID.randomUUID().toString();
        session = start(user, null);
    }

    @AfterEach
    void catalogBackUp() {
        CatalogServer.reset();
        circuitBreakers.resetAll();
    }

    @Test
    void anExerciseIdTheCatalogDoesNotKnowAnswers422NamingExerciseIdAndNeverOpensTheBreaker() {
        int typos = 3 * requestVolumeThreshold();
        for (int i = 0; i < typos; i++) {
            recordHold(UUID.randomUUID())
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("exerciseId"));
        }

        assertThat(CatalogServer.requests())
                .as("a 404 is an answer: asked once, not retried")
                .isEqualTo(typos);
        assertThat(circuitBreakers.currentState(CatalogFallback.BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
        recordHold(FixtureExerciseDirectory.CHIN_TO_CHEST).statusCode(201);
    }

    @Test
    void anImportWithAnExerciseIdTheCatalogDoesNotKnowAnswers422NamingTheSetsPath() {
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        as(user).contentType(ContentType.JSON)
                .body(Map.of(
                        "sessions",
                        List.of(Map.of(
                                "id",
                                UUID.randomUUID(),
                                "startedAt",
                                startedAt.toString(),
                                "timeZone",
                                "Europe/Berlin",
                                "sets",
                                List.of(
                                        set(FixtureExerciseDirectory.CHIN_TO_CHEST, startedAt.plusMinutes(1)),
                                        set(UUID.randomUUID(), startedAt.plusMinutes(2)))))))
                .post("/sessions/import")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sessions[0].sets[1].exerciseId"));
        assertThat(circuitBreakers.currentState(CatalogFallback.BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void aFailingCatalogIsRetriedOpensTheBreakerAtItsThresholdAndThenIsNotAskedAtAll() {
        CatalogServer.behave(Behaviour.FAILING);
        int attempts = attemptsPerRequest();
        int requestsToOpen = (requestVolumeThreshold() + attempts - 1) / attempts;

        for (int i = 1; i <= requestsToOpen; i++) {
            assertThat(circuitBreakers.currentState(CatalogFallback.BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
            catalogUnavailable(recordHold(UUID.randomUUID()));
            assertThat(CatalogServer.requests())
                    .as("every attempt reached the catalog")
                    .isEqualTo(i * attempts);
        }
        assertThat(circuitBreakers.currentState(CatalogFallback.BREAKER)).isEqualTo(CircuitBreakerState.OPEN);

        // open: the answer comes at once, without asking, even once the catalog is back
        CatalogServer.reset();
        long started = System.nanoTime();
        catalogUnavailable(recordHold(UUID.randomUUID()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(CatalogServer.requests()).isZero();
    }

    @Test
    void aHangingCatalogTimesOutEachAttemptRetriesAndOpensTheBreaker() {
        CatalogServer.behave(Behaviour.HANGING);
        int attempts = attemptsPerRequest();
        Duration timeout = Duration.ofMillis(timeoutMillis());

        long started = System.nanoTime();
        catalogUnavailable(recordHold(UUID.randomUUID()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(CatalogServer.requests()).isEqualTo(attempts);
        assertThat(took)
                .as("each attempt waited for its timeout, and no longer")
                .isGreaterThanOrEqualTo(timeout.multipliedBy(attempts))
                .isLessThan(timeout.multipliedBy(attempts).plusSeconds(5));

        while (CatalogServer.requests() < requestVolumeThreshold()) {
            catalogUnavailable(recordHold(UUID.randomUUID()));
        }
        assertThat(circuitBreakers.currentState(CatalogFallback.BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
    }

    @Test
    void aCatalogThatIsDownAnswers503ProblemWithRetryAfter() {
        CatalogServer.behave(Behaviour.DOWN);
        catalogUnavailable(recordHold(UUID.randomUUID()));
    }

    @Test
    void anExerciseTheReplicaHoldsIsRecordedWhileTheCatalogIsDown() {
        recordHold(FixtureExerciseDirectory.EAR_TO_SHOULDER, "LEFT").statusCode(201);
        CatalogServer.behave(Behaviour.DOWN);
        recordHold(FixtureExerciseDirectory.EAR_TO_SHOULDER, "RIGHT").statusCode(201);
    }

    private ValidatableResponse recordHold(UUID exercise) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", exercise, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then();
    }

    private ValidatableResponse recordHold(UUID exercise, String side) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", exercise, "holdSeconds", 30, "side", side))
                .post("/sessions/{id}/sets", session)
                .then();
    }

    private static void catalogUnavailable(ValidatableResponse response) {
        response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("10"))
                .body("type", endsWith("catalog-unavailable"));
    }

    private static Map<String, Object> set(UUID exercise, OffsetDateTime at) {
        return Map.of("id", UUID.randomUUID(), "exerciseId", exercise, "holdSeconds", 30, "recordedAt", at.toString());
    }

    private static int requestVolumeThreshold() {
        return fetch().getAnnotation(CircuitBreaker.class).requestVolumeThreshold();
    }

    private static int attemptsPerRequest() {
        return 1 + fetch().getAnnotation(Retry.class).maxRetries();
    }

    private static long timeoutMillis() {
        Timeout timeout = fetch().getAnnotation(Timeout.class);
        return Duration.of(timeout.value(), timeout.unit()).toMillis();
    }

    private static java.lang.reflect.Method fetch() {
        try {
            return CatalogFallback.class.getMethod("fetch", UUID.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
