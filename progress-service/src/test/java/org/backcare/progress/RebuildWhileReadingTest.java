package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.backcare.progress.Events.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A rebuild users never notice: it builds new tables beside the live ones, which keep answering, and swaps them in
 * in one transaction; starting one answers 202 and a status to poll; a second start while one runs is 409; one
 * interrupted by a stop reads failed and the next starts over cleanly. And reads say how fresh they are, with a
 * readiness that does not follow Kafka.
 */
@QuarkusTest
@ProgressTestResources
class RebuildWhileReadingTest {

    private static final String BERLIN = "Europe/Berlin";

    @Inject
    ProgressProjector projector;

    @Inject
    SessionEventParser parser;

    @Inject
    AgroalDataSource dataSource;

    /** One user's session of three holds, as the topic and the history both carry it. */
    private static List<String> sessionOf(String user, String day) {
        String session = id();
        return List.of(
                started(user, session, day + "T07:30:00+01:00", BERLIN, 3),
                hold(user, session, id(), CHIN_TO_CHEST, null, 30, 2, day + "T07:31:00+01:00", BERLIN),
                hold(user, session, id(), CHIN_TO_CHEST, null, 25, 3, day + "T07:32:00+01:00", BERLIN),
                hold(user, session, id(), CHIN_TO_CHEST, null, 20, 2, day + "T07:33:00+01:00", BERLIN),
                completed(user, session, day + "T07:30:00+01:00", day + "T07:40:00+01:00", BERLIN, 3, 2));
    }

    private static Map<String, Object> progressOf(String user) {
        Map<String, Object> progress = new HashMap<>(
                given().auth().oauth2(TestTokens.user(user)).get("/progress/me").as(Map.class));
        progress.remove("lastEventAt"); // how fresh: the rebuild applies every event again
        return progress;
    }

    @Test
    void aUsersProgressReadsTheSameAllThroughARebuildAndASecondStartMeanwhileIs409() throws Exception {
        String alice = id();
        List<String> hers = new ArrayList<>();
        hers.addAll(sessionOf(alice, "2026-03-02"));
        hers.addAll(sessionOf(alice, "2026-03-03"));
        projector.apply(hers.stream().map(parser::parse).toList());
        Map<String, Object> before = progressOf(alice);
        assertThat(before).extractingByKey("totals").asString().contains("sets=6");

        // her history and 300 other people's; the answer holds half way until the test lets it go on
        List<String> history = new ArrayList<>(hers);
        for (int i = 0; i < 300; i++) {
            history.addAll(sessionOf(id(), "2026-03-04"));
        }
        SessionHistoryServer.serveHeld(history, history.size() / 2);
        String admin = TestTokens.admin();

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Queue<Map<String, Object>> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> readerDone = reader.submit(() -> {
            while (reading.get()) {
                Map<String, Object> now = progressOf(alice);
                reads.incrementAndGet();
                if (!now.equals(before)) {
                    wrong.add(now);
                }
            }
        });
        try {
            String location = Rebuilds.start(admin);
            String id = location.substring(location.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> schemaExists("rebuild"));
            given().auth()
                    .oauth2(admin)
                    .get(location)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(id))
                    .body("state", equalTo("running"));
            given().auth()
                    .oauth2(admin)
                    .post("/progress/admin/rebuild")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("already running"));
            int readsBefore = reads.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > readsBefore + 3);
            assertThat(progressOf(alice)).as("while the new tables fill").isEqualTo(before);

            SessionHistoryServer.release();
            var done = Rebuilds.awaitEnd(admin, location);
            assertThat(done.getString("state")).isEqualTo("done");
            assertThat(done.getLong("records")).isEqualTo(history.size());
            assertThat(done.getLong("users")).isEqualTo(301);
            assertThat(done.getString("finishedAt")).isNotNull();
        } finally {
            SessionHistoryServer.release();
            reading.set(false);
            readerDone.get();
            reader.shutdown();
        }
        assertThat(wrong)
                .as("answers that were blank or wrong during the rebuild")
                .isEmpty();
        assertThat(reads.get()).isGreaterThan(3);
        assertThat(progressOf(alice)).as("after the swap").isEqualTo(before);
        assertThat(schemaExists("rebuild"))
                .as("the build's schema, once swapped in")
                .isFalse();
    }

    @Test
    void liveEventsDuringARebuildAreAnsweredAtOnceAndReachTheNewTablesExactlyOnce() throws Exception {
        String alice = id();
        String carol = id();
        String aliceSession = id();
        String aliceSet = id();
        List<String> hers = new ArrayList<>();
        hers.add(started(alice, aliceSession, "2026-03-09T07:30:00+01:00", BERLIN, 3));
        hers.add(hold(alice, aliceSession, aliceSet, CHIN_TO_CHEST, null, 30, 2, "2026-03-09T07:31:00+01:00", BERLIN));
        hers.add(
                completed(alice, aliceSession, "2026-03-09T07:30:00+01:00", "2026-03-09T07:40:00+01:00", BERLIN, 3, 2));
        hers.addAll(sessionOf(alice, "2026-03-10"));
        List<String> carols = sessionOf(carol, "2026-03-10");
        projector.apply(hers.stream().map(parser::parse).toList());
        projector.apply(carols.stream().map(parser::parse).toList());

        // the history has alice's and carol's sessions and 300 other people's; it holds half way
        List<String> history = new ArrayList<>(hers);
        history.addAll(carols);
        for (int i = 0; i < 300; i++) {
            history.addAll(sessionOf(id(), "2026-03-11"));
        }
        SessionHistoryServer.serveHeld(history, history.size() / 2);
        String admin = TestTokens.admin();
        String bob = id();
        Map<String, Object> bobDuring;
        Map<String, Object> aliceDuring;
        try {
            String location = Rebuilds.start(admin);
            await().atMost(Duration.ofSeconds(30)).until(() -> schemaExists("rebuild"));

            // while the new tables fill, the live batches go on and the answers follow them at once
            projector.apply(
                    sessionOf(bob, "2026-03-11").stream().map(parser::parse).toList());
            bobDuring = progressOf(bob);
            assertThat(bobDuring).extractingByKey("totals").asString().contains("sets=3");
            projector.apply(hers.stream().map(parser::parse).toList()); // a redelivery changes nothing
            projector.apply(List.of(parser.parse(corrected(
                    alice,
                    aliceSession,
                    aliceSet,
                    CHIN_TO_CHEST,
                    null,
                    40,
                    null,
                    1,
                    "2026-03-09T07:31:00+01:00",
                    BERLIN))));
            aliceDuring = progressOf(alice);
            assertThat(aliceDuring)
                    .extractingByKey("totals")
                    .asString()
                    .contains("sets=4")
                    .contains("holdSeconds=115");
            projector.apply(List.of(parser.parse(erased(carol))));
            assertThat(backlog()).as("the live events kept for the new tables").isEqualTo(5 + 8 + 1 + 1);
            given().auth().oauth2(admin).get(location).then().statusCode(200).body("state", equalTo("running"));

            SessionHistoryServer.release();
            assertThat(Rebuilds.awaitEnd(admin, location).getString("state")).isEqualTo("done");
        } finally {
            SessionHistoryServer.release();
        }
        assertThat(progressOf(bob))
                .as("bob's session, which only the live stream had")
                .isEqualTo(bobDuring);
        assertThat(progressOf(alice))
                .as("alice's correction after the history's snapshot, applied once")
                .isEqualTo(aliceDuring);
        assertThat(progressOf(carol))
                .as("carol, erased during the rebuild")
                .extractingByKey("totals")
                .asString()
                .contains("sessions=0")
                .contains("sets=0");
        assertThat(backlog()).as("the backlog, once swapped in").isZero();
        assertThat(schemaExists("rebuild")).isFalse();
    }

    private int backlog() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from rebuild_backlog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aRebuildInterruptedByAStopReadsFailedAndTheNextStartsOverCleanly() throws Exception {
        UUID interrupted = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // what a stop in the middle leaves: its row running and its half-built tables
            s.execute("insert into rebuild_run (id, state, started_at) values ('" + interrupted
                    + "', 'running', now() - interval '1 hour')");
            s.execute("drop schema if exists rebuild cascade");
            s.execute("create schema rebuild");
            s.execute("create table rebuild.session_fact (half_built int)");
        }
        String alice = id();
        List<String> hers = sessionOf(alice, "2026-03-05");
        projector.apply(hers.stream().map(parser::parse).toList());
        Map<String, Object> before = progressOf(alice);
        SessionHistoryServer.serve(hers);

        var done = Rebuilds.runToTheEnd(TestTokens.admin());

        assertThat(done.getLong("records")).isEqualTo(hers.size());
        assertThat(progressOf(alice)).isEqualTo(before);
        assertThat(schemaExists("rebuild")).isFalse();
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/progress/admin/rebuilds/" + interrupted)
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", containsString("interrupted"))
                .body("error", containsString("the live projections were not changed"));
    }

    @Test
    void aRebuildsStatusIsTheAdminsToReadAndAnUnknownOrMalformedIdIsAProblem() {
        String admin = TestTokens.admin();
        given().auth()
                .oauth2(admin)
                .get("/progress/admin/rebuilds/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .get("/progress/admin/rebuilds/not-an-id")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("\"id\""));
        given().auth()
                .oauth2(TestTokens.user(id()))
                .get("/progress/admin/rebuilds/" + UUID.randomUUID())
                .then()
                .statusCode(403);
        given().get("/progress/admin/rebuilds/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void answersSayHowFreshTheyAreInTheBodyAndAHeader() {
        String bob = id();
        projector.apply(sessionOf(bob, "2026-03-06").stream().map(parser::parse).toList());

        Response answer = given().auth().oauth2(TestTokens.user(bob)).get("/progress/me");

        answer.then().statusCode(200);
        String lastEventAt = answer.jsonPath().getString("lastEventAt");
        assertThat(lastEventAt).isNotNull();
        assertThat(answer.header("Progress-As-Of")).isEqualTo(lastEventAt);
        assertThat(given().auth()
                        .oauth2(TestTokens.user(bob))
                        .get("/progress/me/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("Progress-As-Of"))
                .isEqualTo(lastEventAt);
    }

    @Test
    void readinessDoesNotFollowKafkaAndTheConsumerHasItsOwnNonGatingCheck() {
        for (String channel : new String[] {
            "incoming.session-events",
            "incoming.catalog-exercises",
            "incoming.catalog-routines",
            "outgoing.session-events-dlq"
        }) {
            assertThat(ConfigProvider.getConfig()
                            .getValue("mp.messaging." + channel + ".health-readiness-enabled", Boolean.class))
                    .as(channel)
                    .isFalse();
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/well")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'progress session-event consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'progress session-event consumer' }.data.recordsLagMax", equalTo(0));
        given().get("/q/health/ready")
                .then()
                .body(
                        "checks.name",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("progress session-event consumer")));
    }

    private boolean schemaExists(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("select count(*) from pg_namespace where nspname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
