package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.FactWriter;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.projection.ReplayBatch;
import org.backcare.progress.projection.Rollups;
import org.backcare.progress.projection.Scope;
import org.backcare.progress.projection.SessionEvent;
import org.junit.jupiter.api.Test;

/**
 * A rebuild's bulk replay (facts a batch at a time, rollups once at the end) leaves exactly the tables the live
 * consumer leaves, event by event, for the awkward orders: a set before its session's start, a deletion before the
 * recording, a late set after the completion, a redelivered event, a session whose start moves it to another day,
 * high pain and a rise of pain, streaks with a gap, a user who changes time zone, and a user erased. And the rebuild
 * itself, from the session-service's history stream (served by {@link SessionHistoryServer}): the figures the live
 * consumer left, the live events still on the topic afterwards recognised or applied, and a refusal of the
 * session-service changes nothing.
 */
@QuarkusTest
@ProgressTestResources
class ReplayTest {

    static final String BERLIN = "Europe/Berlin";
    static final String NEW_YORK = "America/New_York";

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplayInBulkLeavesTheTablesTheLiveConsumerLeaves() throws Exception {
        List<SessionEvent> events = awkwardHistory().stream().map(parser::parse).toList();

        truncate();
        events.forEach(e -> projector.apply(List.of(e)));
        Map<String, List<String>> live = tables();

        for (int batchSize : new int[] {1, 3, 7, events.size()}) {
            truncate();
            replay(events, batchSize);
            assertThat(tables()).as("replayed %d events at a time", batchSize).isEqualTo(live);
        }
        assertThat(live.get("set_fact")).hasSize(12);
        assertThat(live.get("pain_flag")).hasSize(3);
        assertThat(live.get("active_run")).hasSize(3);
    }

    @Test
    void aLiveBatchOfAnySizeLeavesTheTablesThatEventByEventLeaves() throws Exception {
        List<SessionEvent> events = awkwardHistory().stream().map(parser::parse).toList();
        truncate();
        List<Map<String, List<String>>> afterEach = new ArrayList<>(); // the tables after event i, one by one
        for (SessionEvent event : events) {
            projector.apply(List.of(event));
            afterEach.add(tables());
        }
        Map<String, List<String>> oneByOne = afterEach.get(events.size() - 1);

        for (int batchSize : new int[] {2, 3, 5, 7, events.size()}) {
            // alone first: the early set starts its session, then the start moves the session to the day before
            for (int alone : new int[] {0, 2}) {
                truncate();
                int from = 0;
                while (from < events.size()) {
                    int to = Math.min(events.size(), from < alone ? from + 1 : from + batchSize);
                    projector.apply(events.subList(from, to));
                    assertThat(tables())
                            .as("after events %d to %d (%d alone, then %d at a time)", from, to - 1, alone, batchSize)
                            .isEqualTo(afterEach.get(to - 1));
                    from = to;
                }
            }
        }
        // the whole history again: only carl's events apply again (his erasure took their ids with it), and so does
        // his erasure, which is never recorded as processed: he is erased again, nothing else changes
        assertThat(projector.apply(events)).as("the whole history again").isEqualTo(4);
        assertThat(tables()).isEqualTo(oneByOne);
    }

    private static List<String> awkwardHistory() {
        String alice = id();
        String bob = id();
        List<String> history = new ArrayList<>();
        // alice, day 1: a set arrives before the start, which then moves the session to the day before
        String s1 = id();
        String early = hold(alice, s1, id(), CHIN_TO_CHEST, null, 30, 2, "2026-03-02T07:35:00+01:00", BERLIN);
        history.add(early);
        history.add(started(alice, s1, "2026-03-01T23:50:00+01:00", BERLIN, 2));
        history.add(hold(alice, s1, id(), EAR_TO_SHOULDER, "LEFT", 25, 8, "2026-03-02T07:36:00+01:00", BERLIN));
        history.add(early); // redelivered
        history.add(completed(alice, s1, "2026-03-01T23:50:00+01:00", "2026-03-02T08:00:00+01:00", BERLIN, 2, 3));
        // a late set after the completion
        history.add(reps(alice, s1, id(), 12, 6, "2026-03-02T07:59:00+01:00", BERLIN));
        // alice, days 2 and 3, then a gap, then day 5 in New York
        for (String day : List.of("2026-03-03", "2026-03-04")) {
            String s = id();
            history.add(started(alice, s, day + "T07:30:00+01:00", BERLIN, 4));
            history.add(hold(alice, s, id(), CHIN_TO_CHEST, null, 28, 4, day + "T07:31:00+01:00", BERLIN));
            history.add(completed(alice, s, day + "T07:30:00+01:00", day + "T07:45:00+01:00", BERLIN, 4, 2));
        }
        String s5 = id();
        history.add(started(alice, s5, "2026-03-06T07:30:00-05:00", NEW_YORK, 1));
        history.add(hold(alice, s5, id(), CHIN_TO_CHEST, null, 20, 5, "2026-03-06T07:31:00-05:00", NEW_YORK));
        // bob: a deletion before its recording (a tombstone), a set recorded then deleted, an open session
        String s6 = id();
        String ghost = id();
        history.add(deleted(bob, s6, ghost, CHIN_TO_CHEST, null, 30, null, "2026-03-02T09:01:00Z", "UTC"));
        history.add(started(bob, s6, "2026-03-02T09:00:00Z", "UTC", 0));
        history.add(hold(bob, s6, ghost, CHIN_TO_CHEST, null, 30, 1, "2026-03-02T09:01:00Z", "UTC"));
        String undone = id();
        history.add(hold(bob, s6, undone, EAR_TO_SHOULDER, "RIGHT", 40, 7, "2026-03-02T09:02:00Z", "UTC"));
        history.add(hold(bob, s6, id(), EAR_TO_SHOULDER, "LEFT", 40, 0, "2026-03-02T09:03:00Z", "UTC"));
        history.add(deleted(bob, s6, undone, EAR_TO_SHOULDER, "RIGHT", 40, null, "2026-03-02T09:02:00Z", "UTC"));
        history.add(reps(bob, s6, id(), 10, 0, "2026-03-02T09:04:00Z", "UTC"));
        // corrections at any time: alice's late set after the completion, bob's painless hold now hurts; a
        // correction of a set never seen, and one of a deleted set, change nothing
        String fixed = id();
        history.add(hold(alice, s1, fixed, CHIN_TO_CHEST, null, 30, 1, "2026-03-02T07:40:00+01:00", BERLIN));
        history.add(corrected(alice, s1, fixed, CHIN_TO_CHEST, null, 18, null, 3, "2026-03-02T07:40:00+01:00", BERLIN));
        history.add(corrected(bob, s6, ghost, CHIN_TO_CHEST, null, 25, null, 8, "2026-03-02T09:01:00Z", "UTC"));
        history.add(corrected(bob, s6, undone, EAR_TO_SHOULDER, "RIGHT", 10, null, 0, "2026-03-02T09:02:00Z", "UTC"));
        history.add(corrected(bob, s6, id(), SHOULDER_ROLLS, null, null, 14, 2, "2026-03-02T09:05:00Z", "UTC"));
        // a whole session deleted after its completion: alice's day 3 (her streak breaks there)
        String s7 = id();
        String s7set = id();
        history.add(started(alice, s7, "2026-03-05T07:30:00+01:00", BERLIN, 6));
        history.add(hold(alice, s7, s7set, EAR_TO_SHOULDER, "LEFT", 30, 9, "2026-03-05T07:31:00+01:00", BERLIN));
        history.add(completed(alice, s7, "2026-03-05T07:30:00+01:00", "2026-03-05T07:45:00+01:00", BERLIN, 6, 9));
        history.add(
                corrected(alice, s7, s7set, EAR_TO_SHOULDER, "LEFT", 20, null, 9, "2026-03-05T07:31:00+01:00", BERLIN));
        history.add(sessionDeleted(alice, s7, List.of(s7set)));
        // carl: a session with high pain, then he is erased
        String carl = id();
        String s8 = id();
        history.add(started(carl, s8, "2026-03-02T10:00:00Z", "UTC", 3));
        history.add(hold(carl, s8, id(), PLANK, null, 20, 8, "2026-03-02T10:01:00Z", "UTC"));
        history.add(completed(carl, s8, "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z", "UTC", 3, 5));
        history.add(erased(carl));
        return history;
    }

    /** One person's history on the topic and, further down, the session-service's history of the same state. */
    record Histories(String user, List<String> topic, List<String> stream, String setId, String firstCorrection) {}

    /**
     * The topic: session A with a set corrected twice, a set corrected then deleted, a set of repetitions; session B
     * completed then deleted; session C open. The stream: A as it stands (the twice-corrected set under its first
     * recording's id, superseding both corrections) and C; nothing of B or of the deleted set.
     */
    static Histories histories() {
        String user = id();
        String a = id();
        String b = id();
        String c = id();
        String a1 = id();
        String a2 = id();
        String sa = started(user, a, "2026-03-02T07:30:00+01:00", BERLIN, 5);
        String r1 = hold(user, a, a1, CHIN_TO_CHEST, null, 30, 2, "2026-03-02T07:31:00+01:00", BERLIN);
        String c1 = corrected(user, a, a1, CHIN_TO_CHEST, null, 20, null, 3, "2026-03-02T07:31:00+01:00", BERLIN);
        String c2 = corrected(user, a, a1, CHIN_TO_CHEST, null, 25, null, 8, "2026-03-02T07:31:00+01:00", BERLIN);
        String r2 = hold(user, a, a2, EAR_TO_SHOULDER, "LEFT", 40, 1, "2026-03-02T07:32:00+01:00", BERLIN);
        String c3 = corrected(user, a, a2, EAR_TO_SHOULDER, "LEFT", 35, null, 1, "2026-03-02T07:32:00+01:00", BERLIN);
        String d2 = deleted(user, a, a2, EAR_TO_SHOULDER, "LEFT", 35, null, "2026-03-02T07:32:00+01:00", BERLIN);
        String r3 = reps(user, a, id(), 10, 1, "2026-03-02T07:33:00+01:00", BERLIN);
        String ca = completed(user, a, "2026-03-02T07:30:00+01:00", "2026-03-02T07:50:00+01:00", BERLIN, 5, 3);
        String sb = started(user, b, "2026-03-03T07:30:00+01:00", BERLIN, 4);
        String rb = hold(user, b, id(), CHIN_TO_CHEST, null, 30, 0, "2026-03-03T07:31:00+01:00", BERLIN);
        String cb = completed(user, b, "2026-03-03T07:30:00+01:00", "2026-03-03T07:40:00+01:00", BERLIN, 4, 2);
        String db = sessionDeleted(user, b, List.of());
        String sc = started(user, c, "2026-03-04T07:30:00+01:00", BERLIN, 2);
        String rc = hold(user, c, id(), CHIN_TO_CHEST, null, 28, 0, "2026-03-04T07:31:00+01:00", BERLIN);
        String a1Now = hold(user, a, a1, CHIN_TO_CHEST, null, 25, 8, "2026-03-02T07:31:00+01:00", BERLIN);
        return new Histories(
                user,
                List.of(sa, r1, c1, c2, r2, c3, d2, r3, ca, sb, rb, cb, db, sc, rc),
                List.of(sa, historyLine(a1Now, r1, c1, c2), r3, ca, sc, rc),
                a1,
                c1);
    }

    @Test
    void aRebuildFromTheSessionHistoryLeavesTheFiguresTheLiveConsumerLeftAndTheTopicChangesNothingAfter()
            throws Exception {
        Histories h = histories();
        truncate();
        h.topic().forEach(e -> projector.apply(List.of(parser.parse(e))));
        Map<String, List<String>> live = figures();

        SessionHistoryServer.serve(h.stream());
        String admin = TestTokens.admin();
        var done = Rebuilds.runToTheEnd(admin);
        assertThat(done.getLong("users")).isEqualTo(1);
        assertThat(done.getLong("records")).isEqualTo(6);
        assertThat(done.getLong("applied")).isEqualTo(6);
        assertThat(done.getLong("poisonSkipped")).isZero();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(SessionHistoryServer.lastAuthorization())
                .as("the admin's own token went to the session-service")
                .isEqualTo("Bearer " + admin);
        assertThat(figures()).isEqualTo(live);
        assertThat(live.get("set_fact")).hasSize(3);
        assertThat(processed())
                .as("every line's id and every id it supersedes")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                h.stream().stream().map(Events::idOf),
                                Stream.of(h.topic().get(2), h.topic().get(3)).map(Events::idOf))
                        .toList());

        // the live consumer, once the lock is released, reads what was still on the topic: the events the history
        // reflects are recognised, the rest (the deleted set and session) apply and are undone again
        projector.apply(h.topic().stream().map(parser::parse).toList());
        assertThat(figures()).isEqualTo(live);
    }

    @Test
    void aLiveCorrectionTheHistorySupersedesIsNotAppliedAgainAndANewerOneIs() throws Exception {
        Histories h = histories();
        SessionHistoryServer.serve(h.stream());
        Rebuilds.runToTheEnd(TestTokens.admin());
        assertThat(holdOf(h.setId())).isEqualTo(25);
        long totalHold = totalHold(h.user());

        assertThat(projector.apply(List.of(parser.parse(h.firstCorrection()))))
                .as("the first correction (20 s), already folded into the history's 25 s")
                .isZero();
        assertThat(holdOf(h.setId())).isEqualTo(25);
        assertThat(totalHold(h.user())).isEqualTo(totalHold);

        String newer = corrected(
                h.user(),
                parser.parse(h.stream().get(0)).sessionId().toString(),
                h.setId(),
                CHIN_TO_CHEST,
                null,
                28,
                null,
                2,
                "2026-03-02T07:31:00+01:00",
                BERLIN);
        assertThat(projector.apply(List.of(parser.parse(newer)))).isEqualTo(1);
        assertThat(holdOf(h.setId())).isEqualTo(28);
        assertThat(totalHold(h.user())).isEqualTo(totalHold + 3);
    }

    @Test
    void aSessionServiceThatRefusesOrFailsAnswers502AndTheProjectionsStayAsTheyWere() throws Exception {
        Histories h = histories();
        SessionHistoryServer.serve(h.stream());
        Rebuilds.runToTheEnd(TestTokens.admin());
        Map<String, List<String>> before = tables();
        for (int status : new int[] {401, 403, 500, 503}) {
            SessionHistoryServer.fail(status);
            given().auth()
                    .oauth2(TestTokens.admin())
                    .post("/progress/admin/rebuild")
                    .then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("status", equalTo(502))
                    .body("detail", containsString(Integer.toString(status)))
                    .body("detail", containsString("the projections were not changed"));
            assertThat(tables()).as("after a %d", status).isEqualTo(before);
        }
        SessionHistoryServer.serve(h.stream());
        given().auth()
                .oauth2(TestTokens.user(h.user()))
                .post("/progress/admin/rebuild")
                .then()
                .statusCode(403);
    }

    private Integer holdOf(String setId) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("select hold_seconds from set_fact where set_id = ?::uuid")) {
            s.setString(1, setId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private long totalHold(String user) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("select hold_seconds from user_totals where user_id = ?")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("totals of " + user).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private List<String> processed() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select event_id from processed_event")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private Map<String, List<String>> figures() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return ProjectionTables.figures(c);
        }
    }

    private void replay(List<SessionEvent> events, int batchSize) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            FactWriter facts = new FactWriter(c);
            for (int from = 0; from < events.size(); from += batchSize) {
                ReplayBatch.write(facts, events.subList(from, Math.min(events.size(), from + batchSize)));
                c.commit();
            }
            Rollups.recompute(c, Scope.everything());
            c.commit();
        }
    }

    private void truncate() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("truncate processed_event, session_fact, set_fact, daily_exercise, daily_activity, active_run,"
                    + " pain_flag, user_totals, user_profile");
        }
    }

    private Map<String, List<String>> tables() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return ProjectionTables.read(c, false);
        }
    }
}
