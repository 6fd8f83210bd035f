package org.backcare.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.event.SessionEventParser;
import org.backcare.progress.repository.ProjectionWriter;
import org.backcare.progress.repository.ReplayWriter;
import org.backcare.progress.service.ProgressProjector;
import org.backcare.progress.service.ReplayBatch;
import org.junit.jupiter.api.Test;

/**
 * A rebuild's bulk replay (facts a poll at a time, rollups once at the end) leaves exactly the tables the live
 * consumer leaves, event by event, for the awkward orders: a set before its session's start, a deletion before the
 * recording, a late set after the completion, a redelivered event, a session whose start moves it to another day,
 * high pain and a rise of pain, streaks with a gap, and a user who changes time zone.
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
        assertThat(live.get("set_fact")).hasSize(13);
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
        assertThat(projector.apply(events)).as("the whole history again").isZero();
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
        // correction of a set first seen through it; a correction of a deleted set changes nothing
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
        return history;
    }

    private void replay(List<SessionEvent> events, int batchSize) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ReplayWriter replay = new ReplayWriter(c);
            ProjectionWriter projection = new ProjectionWriter(c);
            for (int from = 0; from < events.size(); from += batchSize) {
                ReplayBatch.write(replay, projection, events.subList(from, Math.min(events.size(), from + batchSize)));
                c.commit();
            }
            replay.computeRollups();
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
