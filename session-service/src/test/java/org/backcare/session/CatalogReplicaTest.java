package org.backcare.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.session.SessionLifecycleTest.as;
import static org.backcare.session.SessionLifecycleTest.start;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.backcare.session.catalog.ExerciseReplica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local replica of the catalog: fed by catalog.exercises, consulted first, kept when the catalog is down. */
@QuarkusTest
@SessionTestResources
class CatalogReplicaTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ExerciseReplica replica;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @AfterEach
    void catalogBackUp() {
        CatalogServer.reset();
        circuitBreakers.resetAll();
    }

    @Test
    void anExerciseFromTheTopicIsRecordableWhileTheCatalogIsDown() {
        UUID exercise = UUID.randomUUID();
        publish(exercise, "PUBLISHED", 1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> replicaRow(exercise).isPresent());
        assertThat(replicaRow(exercise).orElseThrow()).containsExactly("PUBLISHED", 1L, "UPPER_BACK,SHOULDERS");
        CatalogServer.behave(CatalogServer.Behaviour.DOWN);

        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", exercise, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
    }

    @Test
    void anExerciseTheReplicaLacksAnswers503WithRetryAfterWhileTheCatalogIsDown() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        CatalogServer.behave(CatalogServer.Behaviour.DOWN);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", UUID.randomUUID(), "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("10"));
    }

    @Test
    void whatTheFallbackFoundIsKeptForWhenTheCatalogIsDown() {
        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.SHOULDER_ROLLS, "reps", 5))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
        // kept in the replica's table, not only in its memory
        assertThat(replicaRow(FixtureExerciseDirectory.SHOULDER_ROLLS))
                .hasValueSatisfying(row -> assertThat(row).containsExactly("PUBLISHED", 1L, "SHOULDERS,UPPER_BACK"));
        CatalogServer.behave(CatalogServer.Behaviour.DOWN);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", FixtureExerciseDirectory.SHOULDER_ROLLS, "reps", 6))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(201);
    }

    @Test
    void aRetiredVersionWinsOverAnOlderOneAndIsRefused() {
        UUID exercise = UUID.randomUUID();
        publish(exercise, "RETIRED", 3);
        publish(exercise, "PUBLISHED", 2);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> replicaRow(exercise).map(row -> row[1].equals(3L)).orElse(false));
        // the older version that came after it changed nothing
        Awaitility.await()
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> replicaRow(exercise).orElseThrow()[0].equals("RETIRED"));
        assertThat(replica.find(exercise))
                .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo(3));

        String user = UUID.randomUUID().toString();
        UUID session = start(user, null);
        as(user).contentType(ContentType.JSON)
                .body(Map.of("exerciseId", exercise, "holdSeconds", 30))
                .post("/sessions/{id}/sets", session)
                .then()
                .statusCode(422)
                .body("violations[0].field", equalTo("exerciseId"));
    }

    /** The exercise's row in the replica's table (status, version, regions), read past the in-memory cache. */
    private static Optional<Object[]> replicaRow(UUID exercise) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager()
                    .createNativeQuery(
                            "select status, version, array_to_string(regions, ',') from exercise_replica where id = ?1",
                            Object[].class)
                    .setParameter(1, exercise)
                    .getResultList();
            return rows.stream().findFirst().map(r -> new Object[] {r[0], ((Number) r[1]).longValue(), r[2]});
        });
    }

    private void publish(UUID exercise, String status, long version) {
        connector.<String>source("catalog-exercises").send("""
                {"specversion":"1.0","id":"%s","source":"/catalog-service","type":"catalog.exercise.upserted.v1",
                 "subject":"%s","data":{"id":"%s","exerciseId":"%s","version":%d,
                 "exercise":{"id":"%s","slug":"wall-angel-%d","name":"Wall angel","summary":"s","instructions":["i"],
                             "kind":"MOBILITY","regions":["UPPER_BACK","SHOULDERS"],"measurement":"HOLD","sided":false,
                             "prescription":{"holdSeconds":30,"repsMin":5,"repsMax":10,"sets":1},"prescriptionNote":null,
                             "safetyCues":["Never strain or cause pain."],"status":"%s","version":%d}}}
                """.formatted(
                UUID.randomUUID(), exercise, UUID.randomUUID(), exercise, version, exercise, version, status, version));
    }
}
