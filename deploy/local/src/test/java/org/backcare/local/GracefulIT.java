package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.backcare.infra.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How the system behaves when parts of it go away, on a stack of its own: recording goes on without the
 * catalog-service; readiness follows the database (every service) and not Kafka: while the broker is down the
 * session-service keeps recording into its outbox (which is what the outbox is for) and the progress-service keeps
 * answering reads, saying how fresh they are, and catches up once the broker is back; and a stopping session-service
 * finishes the requests in flight and drains its outbox before it exits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulIT {

    private static LocalStack stack;
    private static String alice;

    @BeforeAll
    static void startAStackOfItsOwn() {
        stack = SharedStack.start("backcare-graceful-");
        alice = stack.infrastructure().keycloak().accessToken("alice", "alice");
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void withTheCatalogServiceDownSetsAreStillRecorded() {
        ServiceProcess catalog = stack.service("catalog-service");
        catalog.kill();
        try {
            String session = startSession();
            recordSet(session, 42);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().auth()
                            .oauth2(alice)
                            .get(stack.progressUrl() + "/progress/me")
                            .then()
                            .statusCode(200)
                            .body("totals.holdSeconds", equalTo(42)));
        } finally {
            catalog.start().awaitReady(Duration.ofSeconds(120));
        }
    }

    @Test
    @Order(2)
    void readinessFollowsTheDatabase() {
        PostgresServer postgres = stack.infrastructure().postgres();
        postgres.stop();
        try {
            for (String service : List.of(stack.catalogUrl(), stack.sessionUrl(), stack.progressUrl())) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> given().get(service + "/q/health/ready")
                                .then()
                                .statusCode(503)
                                .body("status", equalTo("DOWN")));
            }
        } finally {
            postgres.start();
        }
        for (String service : List.of(stack.catalogUrl(), stack.sessionUrl(), stack.progressUrl())) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            given().get(service + "/q/health/ready").then().statusCode(200));
        }
    }

    @Test
    @Order(3)
    void whileKafkaIsDownProgressStaysReadyAndAnswersAndRecordingGoesOn() {
        var kafka = stack.infrastructure().kafka();
        kafka.kill();
        String session;
        try {
            given().get(stack.sessionUrl() + "/q/health/ready").then().statusCode(200);
            session = startSession();
            recordSet(session, 30);
            // readiness means "can answer reads": a broker outage takes no read away; the answer says how fresh
            Awaitility.await()
                    .during(Duration.ofSeconds(15))
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> {
                        given().get(stack.progressUrl() + "/q/health/ready")
                                .then()
                                .statusCode(200);
                        given().auth()
                                .oauth2(alice)
                                .get(stack.progressUrl() + "/progress/me")
                                .then()
                                .statusCode(200)
                                .header("Progress-As-Of", notNullValue())
                                .body("totals.holdSeconds", equalTo(42));
                    });
            // the consumer's own signal answers on its own path and gates nothing
            given().get(stack.progressUrl() + "/q/health/well")
                    .then()
                    .body("checks.name", hasItem("progress session-event consumer"));
        } finally {
            kafka.start();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> given().auth()
                        .oauth2(alice)
                        .get(stack.progressUrl() + "/progress/me")
                        .then()
                        .body("totals.holdSeconds", equalTo(72)));
    }

    @Test
    @Order(4)
    void aStoppingSessionServiceFinishesTheRequestsInFlightAndDrainsItsOutbox() throws Exception {
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 100; i++) {
            List<Map<String, Object>> sets = new ArrayList<>();
            for (int j = 0; j < 20; j++) {
                sets.add(Map.of("exerciseId", DemoData.CHIN_TO_CHEST, "holdSeconds", 10));
            }
            String id = UUID.randomUUID().toString();
            ids.add("'" + id + "'");
            sessions.add(Map.of(
                    "id",
                    id,
                    "startedAt",
                    now.minusDays(1 + i % 9).withHour(8).withMinute(0).toString(),
                    "timeZone",
                    "Europe/Berlin",
                    "sets",
                    sets));
        }
        CompletableFuture<io.restassured.response.Response> upload = CompletableFuture.supplyAsync(() -> given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("sessions", sessions))
                .post(stack.sessionUrl() + "/sessions/import"));
        // each session is its own transaction: some of them stored and no answer yet is an upload in flight
        String stored = "select count(*) from workout_session where id in (" + String.join(",", ids) + ")";
        Awaitility.await("the upload in flight: some of its sessions stored, no answer yet")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    if (upload.isDone()) {
                        throw new AssertionError("the upload was answered before it was seen in flight: "
                                + upload.get().statusCode());
                    }
                    return count(stored) > 0;
                });

        ServiceProcess sessionService = stack.service("session-service");
        sessionService.stop(); // SIGTERM, as Kubernetes does

        var answer = upload.get();
        assertThat(answer.statusCode()).as("the upload in flight at SIGTERM").isEqualTo(200);
        assertThat(answer.<Integer>path("imported")).isEqualTo(100);
        assertThat(count(stored)).as("the sessions of the upload stored").isEqualTo(100);
        assertThat(count("select count(*) from outbox_message where published_at is null"))
                .as("outbox rows left unpublished after the session-service exited")
                .isZero();
        sessionService.start().awaitReady(Duration.ofSeconds(120));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(alice)
                        .get(stack.progressUrl() + "/progress/me")
                        .then()
                        .body("totals.holdSeconds", equalTo(72 + 100 * 20 * 10)));
    }

    private static String startSession() {
        String id = UUID.randomUUID().toString();
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "timeZone", "Europe/Berlin"))
                .post(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(201);
        return id;
    }

    private static void recordSet(String session, int holdSeconds) {
        given().auth()
                .oauth2(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", DemoData.CHIN_TO_CHEST, "holdSeconds", holdSeconds, "pain", 1))
                .post(stack.sessionUrl() + "/sessions/" + session + "/sets")
                .then()
                .statusCode(201);
    }

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(
                        stack.infrastructure().postgres().jdbcUrl("session"),
                        PostgresServer.USER,
                        PostgresServer.PASSWORD);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
