package org.backcare.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.ingest.CatalogConsumer;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.projection.SessionEvent;
import org.backcare.progress.query.Granularity;
import org.backcare.progress.query.Progress;
import org.backcare.progress.query.ProgressHistory;
import org.backcare.progress.query.ProgressSummaries;
import org.junit.jupiter.api.Test;

/** The projections against hand-computed expectations, on real PostgreSQL. */
@QuarkusTest
@ProgressTestResources
class ProjectionTest {

    static final String BERLIN = "Europe/Berlin";
    static final String NEW_YORK = "America/New_York";

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    ProgressSummaries summaries;

    @Inject
    ProgressHistory history;

    @Inject
    CatalogConsumer catalog;

    @Inject
    TestClock clock;

    int apply(String... payloads) {
        List<SessionEvent> events = Arrays.stream(payloads).map(parser::parse).toList();
        return projector.apply(events);
    }

    @Test
    void aStreakCountsTheUsersDaysAcrossTheSwitchToSummerTime() {
        // Berlin moves to summer time on 29 March 2026. The user's days are 28, 29, 30 and 31 March; in UTC the set
        // at 01:30 on the 30th (summer time) falls on the 29th, so a UTC streak would break on the 30th.
        String user = id();
        String[] times = {
            "2026-03-28T12:00:00+01:00",
            "2026-03-29T23:30:00+02:00",
            "2026-03-30T01:30:00+02:00",
            "2026-03-31T12:00:00+02:00"
        };
        for (String at : times) {
            String session = id();
            apply(
                    started(user, session, at, BERLIN, 2),
                    hold(user, session, id(), CHIN_TO_CHEST, null, 30, 1, at, BERLIN));
        }
        clock.set("2026-03-31T18:00:00Z");

        Progress.Streak streak = summaries.of(user).streak();

        assertThat(streak.current()).isEqualTo(4);
        assertThat(streak.longest()).isEqualTo(4);
        assertThat(streak.lastActiveDay()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(streak.activeToday()).isTrue();
    }

    @Test
    void aStreakFollowsTheUserAcrossTimeZones() {
        // 1 April 22:00 in New York is 2 April in UTC; the next sessions are in Berlin on 2 and 3 April.
        String user = id();
        String ny = id();
        apply(
                started(user, ny, "2026-04-01T22:00:00-04:00", NEW_YORK, 3),
                hold(user, ny, id(), CHIN_TO_CHEST, null, 30, 1, "2026-04-01T22:05:00-04:00", NEW_YORK));
        for (String at : new String[] {"2026-04-02T08:00:00+02:00", "2026-04-03T08:00:00+02:00"}) {
            String session = id();
            apply(
                    started(user, session, at, BERLIN, 2),
                    hold(user, session, id(), CHIN_TO_CHEST, null, 30, 1, at, BERLIN));
        }
        clock.set("2026-04-04T09:00:00Z"); // 4 April in Berlin, the user's zone now: today has no set yet

        Progress progress = summaries.of(user);

        assertThat(progress.timeZone()).isEqualTo(BERLIN);
        assertThat(progress.streak().current()).isEqualTo(3);
        assertThat(progress.streak().activeToday()).isFalse();
        clock.set("2026-04-05T09:00:00Z"); // a whole day missed: the streak is over, the record stays
        assertThat(summaries.of(user).streak().current()).isZero();
        assertThat(summaries.of(user).streak().longest()).isEqualTo(3);
    }

    @Test
    void deletingASetReversesItsEffectExactly() {
        String user = id();
        String session = id();
        String at = "2026-05-04T07:00:00+02:00";
        String best = id();
        apply(
                started(user, session, at, BERLIN, 3),
                hold(user, session, id(), EAR_TO_SHOULDER, "LEFT", 30, 1, "2026-05-04T07:01:00+02:00", BERLIN),
                hold(user, session, best, EAR_TO_SHOULDER, "LEFT", 45, 2, "2026-05-04T07:02:00+02:00", BERLIN),
                hold(user, session, id(), EAR_TO_SHOULDER, "LEFT", 40, 1, "2026-05-04T07:03:00+02:00", BERLIN));
        clock.set("2026-05-04T12:00:00Z");
        var before = history.exercise(
                        user, UUID.fromString(EAR_TO_SHOULDER), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4))
                .orElseThrow();
        assertThat(before.series()).singleElement().satisfies(p -> {
            assertThat(p.sets()).isEqualTo(3);
            assertThat(p.holdSeconds()).isEqualTo(115);
            assertThat(p.bestHoldSeconds()).isEqualTo(45);
        });

        apply(deleted(user, session, best, EAR_TO_SHOULDER, "LEFT", 45, null, "2026-05-04T07:02:00+02:00", BERLIN));

        var after = history.exercise(
                        user, UUID.fromString(EAR_TO_SHOULDER), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4))
                .orElseThrow();
        assertThat(after.series()).singleElement().satisfies(p -> {
            assertThat(p.sets()).isEqualTo(2);
            assertThat(p.holdSeconds()).isEqualTo(70);
            assertThat(p.bestHoldSeconds()).isEqualTo(40); // recomputed from what is left, not remembered
            assertThat(p.averageHoldSeconds()).isEqualTo(35.0);
        });
        assertThat(summaries.of(user).totals()).isEqualTo(new Progress.Totals(1, 2, 70, 0));
    }

    @Test
    void deletingTheOnlySetOfADaySplitsTheStreak() {
        String user = id();
        String middle = null;
        String middleSession = null;
        for (int day = 10; day <= 12; day++) {
            String session = id();
            String set = id();
            String at = "2026-06-%dT08:00:00+02:00".formatted(day);
            apply(
                    started(user, session, at, BERLIN, 1),
                    hold(user, session, set, CHIN_TO_CHEST, null, 30, 1, at, BERLIN));
            if (day == 11) {
                middle = set;
                middleSession = session;
            }
        }
        clock.set("2026-06-12T12:00:00Z");
        assertThat(summaries.of(user).streak().longest()).isEqualTo(3);

        apply(deleted(user, middleSession, middle, CHIN_TO_CHEST, null, 30, null, "2026-06-11T08:00:00+02:00", BERLIN));

        Progress.Streak streak = summaries.of(user).streak();
        assertThat(streak.current()).isEqualTo(1);
        assertThat(streak.longest()).isEqualTo(1);
        assertThat(summaries.of(user).totals()).isEqualTo(new Progress.Totals(3, 2, 60, 0));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String user = id();
        String session = id();
        String at = "2026-07-01T07:00:00+02:00";
        String start = started(user, session, at, BERLIN, 2);
        String set = hold(user, session, id(), CHIN_TO_CHEST, null, 30, 1, at, BERLIN);
        String rolls = reps(user, session, id(), 8, 1, at, BERLIN);

        assertThat(apply(start, set, set, rolls)).isEqualTo(3); // a duplicate within one batch
        assertThat(apply(start, set, rolls)).isZero(); // and the whole batch again
        String deletion =
                deleted(user, session, UUID.randomUUID().toString(), CHIN_TO_CHEST, null, 30, null, at, BERLIN);
        apply(deletion, deletion);

        assertThat(summaries.of(user).totals()).isEqualTo(new Progress.Totals(1, 2, 30, 8));
    }

    @Test
    void aSetArrivingAfterItsSessionsCompletionLandsInThatSessionAndItsPain() {
        String user = id();
        String session = id();
        apply(
                started(user, session, "2026-08-03T07:00:00+02:00", BERLIN, 2),
                completed(user, session, "2026-08-03T07:00:00+02:00", "2026-08-03T07:20:00+02:00", BERLIN, 2, 6));
        apply(hold(user, session, id(), PLANK, null, 20, 3, "2026-08-03T07:10:00+02:00", BERLIN));
        String high = id();
        apply(hold(user, session, high, PLANK, null, 15, 8, "2026-08-03T07:12:00+02:00", BERLIN));
        clock.set("2026-08-03T12:00:00Z");

        Progress progress = summaries.of(user);

        assertThat(progress.totals()).isEqualTo(new Progress.Totals(1, 2, 35, 0));
        assertThat(progress.flags())
                .extracting(Progress.Flag::kind, Progress.Flag::pain, Progress.Flag::painFrom)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("HIGH_PAIN", 8, null),
                        org.assertj.core.groups.Tuple.tuple("PAIN_RISE", 8, 2));
        var day = history.history(user, LocalDate.of(2026, 8, 3), LocalDate.of(2026, 8, 3), Granularity.DAY, null, null)
                .buckets()
                .get(0);
        assertThat(day.sessions()).isEqualTo(1);
        assertThat(day.sets()).isEqualTo(2);
        assertThat(day.averagePainBefore()).isEqualTo(2.0);
        assertThat(day.averagePainAfter()).isEqualTo(6.0);
    }

    @Test
    void aHintProposesTheNextStepAfterThreeSessionsThatMetThePrescription() {
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(PLANK, 20, 3, 5, 1, "STRENGTH"));
        String user = id();
        for (int day = 7; day <= 9; day++) {
            String session = id();
            String at = "2026-09-0%dT07:00:00+02:00".formatted(day);
            apply(started(user, session, at, BERLIN, 1));
            for (int i = 0; i < 5; i++) {
                apply(hold(
                        user,
                        session,
                        id(),
                        CHIN_TO_CHEST,
                        null,
                        30,
                        0,
                        "2026-09-0%dT07:0%d:00+02:00".formatted(day, i + 1),
                        BERLIN));
            }
            for (int i = 0; i < 3; i++) {
                apply(hold(
                        user,
                        session,
                        id(),
                        PLANK,
                        null,
                        20,
                        0,
                        "2026-09-0%dT07:1%d:00+02:00".formatted(day, i),
                        BERLIN));
            }
        }
        clock.set("2026-09-09T12:00:00Z");

        var hints = summaries.of(user).hints();

        assertThat(hints)
                .extracting(h -> h.exerciseName(), h -> h.kind(), h -> h.nextHoldSeconds(), h -> h.nextRepetitions())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Chin to chest", "MORE_REPETITIONS", 30, 6),
                        org.assertj.core.groups.Tuple.tuple("Forearm plank", "LONGER_HOLD", 25, 3));
    }

    @Test
    void eachExercisesHintLooksAtItsOwnLastThreeSessions() {
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(PLANK, 20, 3, 5, 1, "STRENGTH"));
        String user = id();
        // chin to chest: the first of four sessions fell short, the last three met the prescription (5 holds);
        // the plank: met in the first three, short in the latest (2 of 3 holds)
        int[] chinHolds = {4, 5, 5, 5};
        int[] plankHolds = {3, 3, 3, 2};
        for (int day = 0; day < 4; day++) {
            String session = id();
            apply(started(user, session, "2026-10-1%dT07:00:00+02:00".formatted(day), BERLIN, 1));
            for (int i = 0; i < chinHolds[day]; i++) {
                apply(hold(
                        user,
                        session,
                        id(),
                        CHIN_TO_CHEST,
                        null,
                        30,
                        0,
                        "2026-10-1%dT07:0%d:00+02:00".formatted(day, i + 1),
                        BERLIN));
            }
            for (int i = 0; i < plankHolds[day]; i++) {
                apply(hold(
                        user,
                        session,
                        id(),
                        PLANK,
                        null,
                        20,
                        0,
                        "2026-10-1%dT07:1%d:00+02:00".formatted(day, i),
                        BERLIN));
            }
        }
        clock.set("2026-10-13T12:00:00Z");

        assertThat(summaries.of(user).hints())
                .extracting(h -> h.exerciseName(), h -> h.kind())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Chin to chest", "MORE_REPETITIONS"));
    }

    @Test
    void noHintUntilThePrescriptionWasMetInThreeConsecutiveSessions() {
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        String user = id();
        int[] holdsPerSession = {5, 5, 4}; // the latest session fell short
        for (int day = 0; day < 3; day++) {
            String session = id();
            apply(started(user, session, "2026-10-1%dT07:00:00+02:00".formatted(day), BERLIN, 1));
            for (int i = 0; i < holdsPerSession[day]; i++) {
                apply(hold(
                        user,
                        session,
                        id(),
                        CHIN_TO_CHEST,
                        null,
                        30,
                        0,
                        "2026-10-1%dT07:0%d:00+02:00".formatted(day, i + 1),
                        BERLIN));
            }
        }
        clock.set("2026-10-12T12:00:00Z");

        assertThat(summaries.of(user).hints()).isEmpty();
    }

    @Test
    void weeklyAdherenceCountsSessionsAgainstTheRoutinesWeeklyTarget() {
        catalog.routine(catalogRoutine(STARTER_ROUTINE, "neck-and-shoulder-starter", "Neck and shoulder starter", 5));
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        String user = id();
        // Monday 16 and Wednesday 18 November 2026, with the starter routine; one hold meets 30 s, one does not
        String monday = id();
        apply(
                started(user, monday, "2026-11-16T07:00:00+01:00", BERLIN, 3, STARTER_ROUTINE),
                hold(user, monday, id(), CHIN_TO_CHEST, null, 30, 1, "2026-11-16T07:01:00+01:00", BERLIN));
        String wednesday = id();
        apply(
                started(user, wednesday, "2026-11-18T07:00:00+01:00", BERLIN, 3, STARTER_ROUTINE),
                hold(user, wednesday, id(), CHIN_TO_CHEST, null, 20, 1, "2026-11-18T07:01:00+01:00", BERLIN));
        clock.set("2026-11-19T12:00:00Z");

        Progress.Week week = summaries.of(user).week();

        assertThat(week.weekStart()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(week.sessions()).isEqualTo(2);
        assertThat(week.activeDays()).isEqualTo(2);
        assertThat(week.target()).isEqualTo(5);
        assertThat(week.adherence()).isEqualTo(0.4);
        assertThat(week.routines())
                .singleElement()
                .satisfies(r -> assertThat(r.weeklyTarget()).isEqualTo(5));
        assertThat(week.prescription().setsWithTarget()).isEqualTo(2);
        assertThat(week.prescription().setsMeetingTarget()).isEqualTo(1);
    }

    @Test
    void historyBucketsWeeksFromMondayAndFiltersByRegion() {
        String user = id();
        String s1 = id();
        String s2 = id();
        apply(
                started(user, s1, "2026-02-02T07:00:00+01:00", BERLIN, 4),
                hold(user, s1, id(), CHIN_TO_CHEST, null, 30, 1, "2026-02-02T07:01:00+01:00", BERLIN),
                reps(user, s1, id(), 10, 1, "2026-02-02T07:02:00+01:00", BERLIN),
                started(user, s2, "2026-02-08T07:00:00+01:00", BERLIN, 2),
                hold(user, s2, id(), CHIN_TO_CHEST, null, 40, 1, "2026-02-08T07:01:00+01:00", BERLIN),
                hold(user, id(), id(), CHIN_TO_CHEST, null, 20, 1, "2026-02-09T07:01:00+01:00", BERLIN));

        var weeks = history.history(
                        user, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 14), Granularity.WEEK, null, null)
                .buckets();
        var upperBack = history.history(
                        user,
                        LocalDate.of(2026, 2, 1),
                        LocalDate.of(2026, 2, 14),
                        Granularity.WEEK,
                        org.backcare.progress.query.Region.UPPER_BACK,
                        null)
                .buckets();

        // 1 Feb is a Sunday: its week starts on 26 January and is cut to the window
        assertThat(weeks)
                .extracting(ProgressHistory.Bucket::start)
                .containsExactly(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 9));
        assertThat(weeks.get(1)).satisfies(w -> {
            assertThat(w.sessions()).isEqualTo(2);
            assertThat(w.activeDays()).isEqualTo(2);
            assertThat(w.sets()).isEqualTo(3);
            assertThat(w.holdSeconds()).isEqualTo(70);
            assertThat(w.bestHoldSeconds()).isEqualTo(40);
            assertThat(w.reps()).isEqualTo(10);
            assertThat(w.averagePainBefore()).isEqualTo(3.0);
        });
        assertThat(weeks.get(2).sets()).isEqualTo(1);
        assertThat(upperBack.get(1)).satisfies(w -> {
            assertThat(w.sets()).isEqualTo(1);
            assertThat(w.reps()).isEqualTo(10);
            assertThat(w.holdSeconds()).isZero();
            assertThat(w.sessions()).isNull();
        });
    }
}
