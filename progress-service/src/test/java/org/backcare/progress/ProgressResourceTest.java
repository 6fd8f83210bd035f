package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.CatalogConsumer;
import org.backcare.progress.ingest.SessionEventConsumer;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The progress API: shapes, reports, bad input, and who may read what (OIDC test-server tokens). */
@QuarkusTest
@ProgressTestResources
class ProgressResourceTest {

    static final String ZONE = "Europe/Berlin";

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    SessionEventConsumer consumer;

    @Inject
    CatalogConsumer catalog;

    @Inject
    TestClock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A user with two weeks of history: 12 sessions on 12 days, 16 to 27 November 2026 (Berlin). */
    String userWithHistory() {
        catalog.exercise(catalogExercise(EAR_TO_SHOULDER, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(SHOULDER_ROLLS, null, 5, 10, 1, "MOBILITY"));
        String user = id();
        for (int day = 16; day <= 27; day++) {
            String session = id();
            String at = "2026-11-%dT07:00:00+01:00".formatted(day);
            apply(
                    started(user, session, at, ZONE, 4),
                    hold(
                            user,
                            session,
                            id(),
                            EAR_TO_SHOULDER,
                            "LEFT",
                            30,
                            1,
                            "2026-11-%dT07:01:00+01:00".formatted(day),
                            ZONE),
                    hold(
                            user,
                            session,
                            id(),
                            EAR_TO_SHOULDER,
                            "RIGHT",
                            20,
                            1,
                            "2026-11-%dT07:02:00+01:00".formatted(day),
                            ZONE),
                    reps(user, session, id(), 10, day == 27 ? 8 : 1, "2026-11-%dT07:03:00+01:00".formatted(day), ZONE),
                    completed(user, session, at, "2026-11-%dT07:10:00+01:00".formatted(day), ZONE, 4, 2));
        }
        clock.set("2026-11-27T18:00:00Z");
        return user;
    }

    void apply(String... payloads) {
        projector.apply(Arrays.stream(payloads).map(parser::parse).toList());
    }

    @Test
    void myProgressHasTheShapeClientsRelyOn() {
        String user = userWithHistory();
        given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .body("userId", equalTo(user))
                .body("timeZone", equalTo(ZONE))
                .body("totals.sessions", equalTo(12))
                .body("totals.sets", equalTo(36))
                .body("totals.holdSeconds", equalTo(600))
                .body("totals.reps", equalTo(120))
                .body("streak.current", equalTo(12))
                .body("streak.longest", equalTo(12))
                .body("week.weekStart", equalTo("2026-11-23"))
                .body("week.sessions", equalTo(5))
                .body("week.target", equalTo(3))
                .body("pain.recent[0].before", equalTo(4))
                .body("pain.recent[0].after", equalTo(2))
                .body("flags.kind", hasItem("HIGH_PAIN"))
                .body("hints.kind", org.hamcrest.Matchers.contains("KEEP"))
                .body("hints[0].exerciseName", equalTo("Shoulder rolls"));
    }

    @Test
    void historyAndExerciseProgressionAnswerForTheWindowAsked() {
        String user = userWithHistory();
        given().auth()
                .oauth2(TestTokens.user(user))
                .queryParam("from", "2026-11-16")
                .queryParam("to", "2026-11-29")
                .queryParam("granularity", "week")
                .get("/progress/me/history")
                .then()
                .statusCode(200)
                .body("buckets.size()", equalTo(2))
                .body("buckets[0].sessions", equalTo(7))
                .body("buckets[0].holdSeconds", equalTo(350))
                .body("buckets[1].sets", equalTo(15));
        given().auth()
                .oauth2(TestTokens.user(user))
                .queryParam("from", "2026-11-16")
                .get("/progress/me/exercises/" + EAR_TO_SHOULDER)
                .then()
                .statusCode(200)
                .body("exercise.slug", equalTo("ear-to-shoulder"))
                .body("series.size()", equalTo(24))
                .body("balance.left.holdSeconds", equalTo(360))
                .body("balance.right.holdSeconds", equalTo(240))
                .body("balance.lowerSide", equalTo("RIGHT"));
    }

    @Test
    void theReportShowsTheNumbersOfTheProjections() {
        String user = userWithHistory();
        String html = given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me/report")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        Document page = Jsoup.parse(html);

        assertThat(page.getElementById("total-sessions").text()).isEqualTo("12");
        assertThat(page.getElementById("total-sets").text()).isEqualTo("36");
        assertThat(page.getElementById("total-hold-minutes").text()).isEqualTo("10");
        assertThat(page.getElementById("total-reps").text()).isEqualTo("120");
        assertThat(page.getElementById("streak-current").text()).isEqualTo("12");
        assertThat(page.getElementById("week-sessions").text()).isEqualTo("5 of 3");
        assertThat(page.select("#flags li[data-kind=HIGH_PAIN]").text()).contains("pain 8 of 10");
        var lastWeeks = page.select("#weeks tbody tr");
        assertThat(lastWeeks).hasSize(12);
        assertThat(lastWeeks.get(10).select("td").eachText())
                .containsExactly("2026-11-16", "7", "7", "21", "6", "70", "4", "2");
        assertThat(lastWeeks.get(11).select("td").eachText())
                .containsExactly("2026-11-23", "5", "5", "15", "4", "50", "4", "2");
        // a week without sessions has no pain average: a dash
        assertThat(lastWeeks.get(0).select("td").eachText()).endsWith("0", "–", "–");
        // the calendar: a square per day of the last year, the active ones marked, with numbers of one decimal
        assertThat(page.select("svg rect.day")).hasSizeGreaterThan(300);
        assertThat(page.select("svg rect.day[data-active=true]")).hasSize(12);
        assertThat(page.select("svg rect.day").first().attr("x")).matches("\\d+\\.\\d");
        // every chart is an accessible image with a title and a description
        assertThat(page.select("svg")).hasSizeGreaterThanOrEqualTo(4).allSatisfy(svg -> {
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.select("title").text()).isNotBlank();
            assertThat(svg.select("desc").text()).isNotBlank();
        });
        assertThat(page.select("#calendar rect[data-active=true], #chart-calendar rect[data-active=true]"))
                .hasSize(12);
        assertThat(page.select("#chart-balance desc").text())
                .contains("Ear to shoulder, left (s) 360", "Ear to shoulder, right (s) 240");
    }

    @Test
    void theCsvHasARowPerDayExerciseAndSide() {
        String user = userWithHistory();
        String csv = given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me/report.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("date,exercise_id,exercise_slug");
        assertThat(lines).hasSize(1 + 12 * 3);
        assertThat(lines)
                .contains("2026-11-16," + EAR_TO_SHOULDER + ",ear-to-shoulder,Ear to shoulder,LEFT,1,30,30,30.0,0,,1");
    }

    @Test
    void theFhirExportIsAValidR4BundleOfObservations() {
        String user = userWithHistory();
        String json = given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me/report.fhir.json")
                .then()
                .statusCode(200)
                .contentType(containsString("application/fhir+json"))
                .extract()
                .asString();
        FhirContext fhir = FhirContext.forR4Cached();
        Bundle bundle = fhir.newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, json);

        List<Observation> observations = bundle.getEntry().stream()
                .map(e -> (Observation) e.getResource())
                .toList();
        assertThat(observations).hasSize(12 * 3);
        List<Observation> durations = observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("55411-3"))
                .toList();
        assertThat(durations).hasSize(12).allSatisfy(o -> {
            assertThat(o.getValueQuantity().getValue().doubleValue()).isEqualTo(10.0);
            assertThat(o.getValueQuantity().getCode()).isEqualTo("min");
            assertThat(o.getSubject().getIdentifier().getValue()).isEqualTo(user);
        });
        assertThat(observations.stream()
                        .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("72514-3")))
                .hasSize(24)
                .extracting(o -> o.getValueQuantity().getValue().intValue())
                .containsOnly(4, 2);
    }

    @Test
    void anotherUsersProgressAnswers404UnlessSharedWithTheirCoachOrReadByAnAdmin() {
        String alice = userWithHistory();
        String carol = id();
        String bob = id();
        String path = "/progress/users/" + alice;
        given().auth()
                .oauth2(TestTokens.user(bob))
                .get(path)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forSubject(carol, "coach"))
                .get(path + "/report")
                .then()
                .statusCode(404);

        given().auth()
                .oauth2(TestTokens.user(alice))
                .put("/progress/me/coaches/" + carol)
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestTokens.user(alice))
                .put("/progress/me/coaches/" + carol)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.forSubject(carol, "coach"))
                .get(path)
                .then()
                .statusCode(200)
                .body("totals.sets", equalTo(36));
        given().auth()
                .oauth2(TestTokens.forSubject(carol, "coach"))
                .get(path + "/history")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forSubject(carol, "coach"))
                .get(path + "/report.fhir.json")
                .then()
                .statusCode(200);
        // sharing with carol's id does not open it to a plain user with that id
        given().auth().oauth2(TestTokens.user(carol)).get(path).then().statusCode(404);
        given().auth()
                .oauth2(TestTokens.user(bob))
                .get(path + "/report.csv")
                .then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get(path + "/report").then().statusCode(200);

        given().auth()
                .oauth2(TestTokens.user(alice))
                .delete("/progress/me/coaches/" + carol)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.user(alice))
                .delete("/progress/me/coaches/" + carol)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forSubject(carol, "coach"))
                .get(path)
                .then()
                .statusCode(404);
    }

    @Test
    void aMissingOrBadTokenAnswers401() {
        for (String path : List.of(
                "/progress/me",
                "/progress/me/history",
                "/progress/me/report",
                "/progress/me/report.csv",
                "/progress/me/report.fhir.json",
                "/progress/users/" + TestTokens.ALICE)) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2("not-a-token").get(path).then().statusCode(401);
        }
        given().put("/progress/me/coaches/" + id()).then().statusCode(401);
        given().post("/progress/admin/rebuild").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.user(id()))
                .post("/progress/admin/rebuild")
                .then()
                .statusCode(403);
    }

    @Test
    void badQueryParametersAnswer400NamingTheField() {
        String token = TestTokens.user(id());
        Map<String, String> cases = Map.of(
                "granularity=fortnight", "granularity",
                "from=yesterday", "from",
                "to=2026-13-01", "to",
                "region=KNEES", "region",
                "exercise=not-a-uuid", "exercise",
                "from=2026-11-20&to=2026-11-01", "from",
                "from=2000-01-01&to=2026-11-01", "from");
        cases.forEach((query, field) -> given().auth()
                .oauth2(token)
                .get("/progress/me/history?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field)));
        given().auth()
                .oauth2(token)
                .get("/progress/me/exercises/not-a-uuid")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/progress/me/exercises/" + id())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .put("/progress/me/coaches/%2e%2e%2fadmin")
                .then()
                .statusCode(400);
        given().auth().oauth2(token).get("/progress/users/..%2f..%2fetc").then().statusCode(404);
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndTheRestOfTheBatchIsApplied() throws Exception {
        var sink = connector.sink("session-events-dlq");
        sink.clear();
        String user = id();
        String session = id();
        String at = "2026-11-20T07:00:00+01:00";
        List<String> payloads = List.of(
                started(user, session, at, ZONE, 2),
                "{\"not\": \"an event\"}",
                hold(user, session, id(), CHIN_TO_CHEST, null, 30, 1, at, ZONE),
                started(user, session, at, "Mars/Olympus_Mons", 2));
        TopicPartition partition = new TopicPartition("workout.session-events", 3);
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new ConsumerRecord<>("workout.session-events", 3, 100 + i, user, payloads.get(i)));
        }

        consumer.consume(new ConsumerRecords<>(Map.of(partition, records), Map.of()));

        assertThat(sink.received()).hasSize(2);
        Message<?> first = sink.received().get(0);
        var metadata = first.getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertThat(new String(
                        metadata.getHeaders().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("not a CloudEvents 1.0 envelope");
        assertThat(new String(
                        metadata.getHeaders().lastHeader("dead-letter-offset").value(), StandardCharsets.UTF_8))
                .isEqualTo("101");
        var second = sink.received()
                .get(1)
                .getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertThat(new String(
                        second.getHeaders().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("data.timeZone is not an IANA time zone");
        given().auth().oauth2(TestTokens.user(user)).get("/progress/me").then().body("totals.sets", equalTo(1));
    }

    @Test
    void anAppliedBatchIsTimedFromEachRecordsSendToItsCommit() throws Exception {
        String user = id();
        String session = id();
        String at = "2026-11-20T07:00:00+01:00";
        List<String> payloads = List.of(
                started(user, session, at, ZONE, 2), hold(user, session, id(), CHIN_TO_CHEST, null, 30, 1, at, ZONE));
        long sent = System.currentTimeMillis() - 2_000; // the relay sent them two seconds ago
        TopicPartition partition = new TopicPartition("workout.session-events", 4);
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new ConsumerRecord<>(
                    "workout.session-events",
                    4,
                    200 + i,
                    sent,
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                    ConsumerRecord.NULL_SIZE,
                    ConsumerRecord.NULL_SIZE,
                    user,
                    payloads.get(i),
                    new org.apache.kafka.common.header.internals.RecordHeaders(),
                    java.util.Optional.empty()));
        }
        var delay = metrics.timer("progress.consumer.delay");
        var batches = metrics.timer("progress.consumer.batch.apply");
        long delaysBefore = delay.count();
        double delayedBefore = delay.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
        long batchesBefore = batches.count();

        consumer.consume(new ConsumerRecords<>(Map.of(partition, records), Map.of()));

        assertThat(delay.count() - delaysBefore).isEqualTo(2);
        assertThat(delay.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - delayedBefore)
                .isGreaterThanOrEqualTo(4_000);
        assertThat(batches.count() - batchesBefore).isEqualTo(1);
        given().auth().oauth2(TestTokens.user(user)).get("/progress/me").then().body("totals.sets", equalTo(1));
    }

    @Test
    void aPersonSharesWithACoachByUserNameOrEmailAndBothSeeNamesNotIds() {
        String alice = id();
        String carol = id();
        String bob = id();
        String carolsToken = TestTokens.named(carol, "carol-" + carol, carol + "@example.org", "Carol Coach", "coach");
        String alicesToken =
                TestTokens.named(alice, "alice-" + alice, alice + "@example.org", "Alice Stretcher", "user");
        String bobsToken = TestTokens.named(bob, "bob-" + bob, null, "Bob Bridger", "user");
        // nobody of that name has signed in yet
        given().auth()
                .oauth2(alicesToken)
                .contentType("application/json")
                .body(Map.of("coach", "carol-" + carol))
                .post("/progress/me/coaches")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("coach"));
        given().auth().oauth2(carolsToken).get("/progress/coaching").then().statusCode(200);
        given().auth().oauth2(bobsToken).get("/progress/me").then().statusCode(200);

        given().auth()
                .oauth2(alicesToken)
                .contentType("application/json")
                .body(Map.of("coach", "CAROL-" + carol.toUpperCase()))
                .post("/progress/me/coaches")
                .then()
                .statusCode(201)
                .body("coachUserId", equalTo(carol))
                .body("coachName", equalTo("Carol Coach (carol-" + carol + ")"));
        given().auth()
                .oauth2(alicesToken)
                .contentType("application/json")
                .body(Map.of("coach", carol + "@example.org"))
                .post("/progress/me/coaches")
                .then()
                .statusCode(200);
        // bob is no coach: nobody can share with him by name
        given().auth()
                .oauth2(alicesToken)
                .contentType("application/json")
                .body(Map.of("coach", "bob-" + bob))
                .post("/progress/me/coaches")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(alicesToken)
                .contentType("application/json")
                .body(Map.of("coach", " "))
                .post("/progress/me/coaches")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("coach"));
        given().auth()
                .oauth2(carolsToken)
                .get("/progress/coaching")
                .then()
                .statusCode(200)
                .body("items[0].userId", equalTo(alice))
                .body("items[0].userName", equalTo("Alice Stretcher (alice-" + alice + ")"));
        given().contentType("application/json")
                .body(Map.of("coach", "carol"))
                .post("/progress/me/coaches")
                .then()
                .statusCode(401);
    }
}
