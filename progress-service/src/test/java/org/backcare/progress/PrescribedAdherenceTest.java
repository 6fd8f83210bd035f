package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.backcare.progress.Events.*;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.ingest.CatalogConsumer;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.backcare.progress.query.Progress;
import org.backcare.progress.query.ProgressSummaries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weekly adherence against what the routine prescribes per exercise (holds, repetitions, sets, sides), against
 * hand-computed expectations on real PostgreSQL. The week is Monday 16 to Sunday 22 November 2026 in Berlin; the
 * exercises' own prescriptions are those every test publishes (chin to chest: 5 holds of 30 s; ear to shoulder,
 * sided: 5 holds of 30 s; shoulder rolls: 1 set of 5 repetitions), and each routine overrides some of them.
 */
@QuarkusTest
@ProgressTestResources
class PrescribedAdherenceTest {

    static final String BERLIN = "Europe/Berlin";

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    ProgressSummaries summaries;

    @Inject
    CatalogConsumer catalog;

    @Inject
    TestClock clock;

    @BeforeEach
    void publishTheExercises() {
        catalog.exercise(catalogExercise(CHIN_TO_CHEST, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(EAR_TO_SHOULDER, 30, 5, 10, 1, "STRETCH"));
        catalog.exercise(catalogExercise(SHOULDER_ROLLS, null, 5, 10, 1, "MOBILITY"));
        clock.set("2026-11-19T12:00:00Z");
    }

    @Test
    void aSidedExerciseIsPrescribedOnBothSides() {
        // ear to shoulder with the routine's 2 holds of at least 20 s, on each side, once a week
        String routine = routine(1, entry(1, EAR_TO_SHOULDER, 20, 2, null, null));
        String user = id();
        String session = id();
        apply(
                started(user, session, "2026-11-17T07:00:00+01:00", BERLIN, 2, routine),
                hold(user, session, id(), EAR_TO_SHOULDER, "LEFT", 25, 0, "2026-11-17T07:01:00+01:00", BERLIN),
                hold(user, session, id(), EAR_TO_SHOULDER, "LEFT", 20, 0, "2026-11-17T07:02:00+01:00", BERLIN),
                hold(user, session, id(), EAR_TO_SHOULDER, "RIGHT", 22, 0, "2026-11-17T07:03:00+01:00", BERLIN));

        Progress.RoutineWeek week = routineWeek(user, routine);

        // left 2 of 2, right 1 of 2: 3 of 4
        assertThat(week.setsPrescribed()).isEqualTo(4);
        assertThat(week.setsDone()).isEqualTo(3);
        assertThat(week.prescribedAdherence()).isEqualTo(0.75);
        assertThat(week.entries())
                .extracting(
                        e -> e.side(),
                        e -> e.holdSeconds(),
                        e -> e.repsMin(),
                        e -> e.setsPerSession(),
                        e -> e.setsPrescribed(),
                        e -> e.setsDone())
                .containsExactly(tuple("LEFT", 20, 2, 2, 2, 2), tuple("RIGHT", 20, 2, 2, 2, 1));
    }

    @Test
    void holdsShorterThanPrescribedDoNotCount() {
        // chin to chest as the exercise prescribes it (5 holds of at least 30 s), twice a week
        String routine = routine(2, entry(1, CHIN_TO_CHEST, null, null, null, null));
        String user = id();
        String monday = id();
        apply(started(user, monday, "2026-11-16T07:00:00+01:00", BERLIN, 2, routine));
        int[] mondayHolds = {30, 30, 29, 45, 10}; // 29 s and 10 s fall short: 3 count
        for (int i = 0; i < mondayHolds.length; i++) {
            apply(hold(user, monday, id(), CHIN_TO_CHEST, null, mondayHolds[i], 0, at(16, i), BERLIN));
        }
        String wednesday = id();
        apply(started(user, wednesday, "2026-11-18T07:00:00+01:00", BERLIN, 2, routine));
        for (int i = 0; i < 5; i++) {
            apply(hold(user, wednesday, id(), CHIN_TO_CHEST, null, 30, 0, at(18, i), BERLIN));
        }

        Progress.RoutineWeek week = routineWeek(user, routine);

        // 2 sessions × 5 holds = 10 asked; 3 + 5 done
        assertThat(week.setsPrescribed()).isEqualTo(10);
        assertThat(week.setsDone()).isEqualTo(8);
        assertThat(week.prescribedAdherence()).isEqualTo(0.8);
        assertThat(week.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.side()).isNull())
                .satisfies(e -> assertThat(e.holdSeconds()).isEqualTo(30))
                .satisfies(e -> assertThat(e.setsPerSession()).isEqualTo(5));
    }

    @Test
    void repetitionsBelowThePrescriptionDoNotCount() {
        // shoulder rolls with the routine's 3 sets of at least 8 repetitions, once a week
        String routine = routine(1, entry(1, SHOULDER_ROLLS, null, 8, 12, 3));
        String user = id();
        String session = id();
        apply(
                started(user, session, "2026-11-19T07:00:00+01:00", BERLIN, 2, routine),
                reps(user, session, id(), 8, 0, "2026-11-19T07:01:00+01:00", BERLIN),
                reps(user, session, id(), 7, 0, "2026-11-19T07:02:00+01:00", BERLIN),
                reps(user, session, id(), 10, 0, "2026-11-19T07:03:00+01:00", BERLIN));

        Progress.RoutineWeek week = routineWeek(user, routine);

        // 7 repetitions fall short: 2 of 3
        assertThat(week.setsPrescribed()).isEqualTo(3);
        assertThat(week.setsDone()).isEqualTo(2);
        assertThat(week.prescribedAdherence()).isEqualTo(0.67);
        assertThat(week.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.measurement()).isEqualTo("REPS"))
                .satisfies(e -> assertThat(e.holdSeconds()).isNull())
                .satisfies(e -> assertThat(e.repsMin()).isEqualTo(8));
    }

    @Test
    void setsAndSessionsBeyondThePrescriptionAddNothing() {
        // shoulder rolls with the routine's 2 sets of at least 5 repetitions, twice a week
        String routine = routine(2, entry(1, SHOULDER_ROLLS, null, null, null, 2));
        String user = id();
        String monday = id();
        apply(started(user, monday, "2026-11-16T07:00:00+01:00", BERLIN, 2, routine));
        for (int i = 0; i < 4; i++) { // 4 sets where 2 are asked: 2 count
            apply(reps(user, monday, id(), 10, 0, at(16, i), BERLIN));
        }
        String tuesday = id();
        apply(
                started(user, tuesday, "2026-11-17T07:00:00+01:00", BERLIN, 2, routine),
                reps(user, tuesday, id(), 6, 0, at(17, 0), BERLIN));
        String wednesday = id();
        apply(
                started(user, wednesday, "2026-11-18T07:00:00+01:00", BERLIN, 2, routine),
                reps(user, wednesday, id(), 5, 0, at(18, 0), BERLIN),
                reps(user, wednesday, id(), 5, 0, at(18, 1), BERLIN));

        Progress.RoutineWeek week = routineWeek(user, routine);

        // 3 sessions where 2 are asked: the two that did most (Monday 2, Wednesday 2) count, Tuesday's 1 does not
        assertThat(week.sessions()).isEqualTo(3);
        assertThat(week.setsPrescribed()).isEqualTo(4);
        assertThat(week.setsDone()).isEqualTo(4);
        assertThat(week.prescribedAdherence()).isEqualTo(1.0);
    }

    @Test
    void theWeekAnswersThePrescribedAdherenceOfTheRoutineThatSetsItsTarget() {
        // a twice-a-week routine of 3 sets of shoulder rolls and ear to shoulder (1 hold of 30 s each side),
        // and a once-a-week one of chin to chest; the first sets the week's target
        String twice = routine(
                2, entry(1, SHOULDER_ROLLS, null, null, null, 3), entry(2, EAR_TO_SHOULDER, null, 1, null, null));
        String once = routine(1, entry(1, CHIN_TO_CHEST, null, null, null, null));
        String user = id();
        String session = id();
        apply(
                started(user, session, "2026-11-16T07:00:00+01:00", BERLIN, 2, twice),
                reps(user, session, id(), 5, 0, at(16, 0), BERLIN),
                reps(user, session, id(), 5, 0, at(16, 1), BERLIN),
                reps(user, session, id(), 5, 0, at(16, 2), BERLIN),
                hold(user, session, id(), EAR_TO_SHOULDER, "LEFT", 30, 0, at(16, 3), BERLIN),
                // a chin to chest hold in this routine's session is not part of it
                hold(user, session, id(), CHIN_TO_CHEST, null, 30, 0, at(16, 4), BERLIN));
        String other = id();
        // a session of the other routine past midnight: its holds on Thursday still belong to Wednesday's session
        apply(started(user, other, "2026-11-18T23:55:00+01:00", BERLIN, 2, once));
        for (int i = 0; i < 5; i++) {
            apply(hold(
                    user, other, id(), CHIN_TO_CHEST, null, 30, 0, "2026-11-19T00:0%d:00+01:00".formatted(i), BERLIN));
        }

        Progress.Week week = summaries.of(user).week();

        // per session: 3 rolls + 1 hold left + 1 hold right = 5, twice: 10 asked; 3 + 1 done
        assertThat(week.target()).isEqualTo(2);
        assertThat(week.prescribedAdherence()).isEqualTo(0.4);
        assertThat(week.routines())
                .extracting(
                        r -> r.routineId().toString(),
                        r -> r.setsPrescribed(),
                        r -> r.setsDone(),
                        r -> r.prescribedAdherence())
                .containsExactlyInAnyOrder(tuple(twice, 10, 4, 0.4), tuple(once, 5, 5, 1.0));
    }

    @Test
    void betweenRoutinesOfTheSameTargetTheOneFollowedLastSetsTheWeek() {
        String monday = routine(2, entry(1, CHIN_TO_CHEST, 40, null, null, null)); // its 30 s hold does not count
        String tuesday = routine(2, entry(1, SHOULDER_ROLLS, null, null, null, 1));
        String user = id();
        String first = id();
        String second = id();
        apply(
                started(user, first, "2026-11-16T07:00:00+01:00", BERLIN, 2, monday),
                hold(user, first, id(), CHIN_TO_CHEST, null, 30, 0, at(16, 1), BERLIN),
                started(user, second, "2026-11-17T07:00:00+01:00", BERLIN, 2, tuesday),
                reps(user, second, id(), 5, 0, "2026-11-17T07:01:00+01:00", BERLIN));

        Progress.Week week = summaries.of(user).week();

        assertThat(week.target()).isEqualTo(2);
        assertThat(week.targetSource()).isEqualTo("ROUTINE:routine-" + tuesday.substring(0, 8));
        // tuesday's routine: one set of shoulder rolls a session, twice a week, one done
        assertThat(week.prescribedAdherence()).isEqualTo(0.5);
    }

    @Test
    void withoutARoutineThereIsNoPrescribedAdherence() {
        String user = id();
        String session = id();
        apply(
                started(user, session, "2026-11-16T07:00:00+01:00", BERLIN, 2),
                hold(user, session, id(), CHIN_TO_CHEST, null, 30, 0, at(16, 0), BERLIN));

        Progress.Week week = summaries.of(user).week();

        assertThat(week.targetSource()).isEqualTo("DEFAULT");
        assertThat(week.prescribedAdherence()).isNull();
        assertThat(week.routines()).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesThePrescribedAdherence() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "components.schemas.Week.properties.prescribedAdherence.description",
                        containsString("prescribes"))
                .body("components.schemas.EntryWeek.properties.setsPerSession.description", containsString("repsMin"));
    }

    private Progress.RoutineWeek routineWeek(String user, String routine) {
        return summaries.of(user).week().routines().stream()
                .filter(r -> r.routineId().toString().equals(routine))
                .findFirst()
                .orElseThrow();
    }

    private void apply(String... payloads) {
        projector.apply(Arrays.stream(payloads).map(parser::parse).toList());
    }

    /** 07:0i on that day of November 2026 in Berlin. */
    private static String at(int day, int minute) {
        return "2026-11-%dT07:%02d:00+01:00".formatted(day, minute + 1);
    }

    /** An entry of the routine's event: null values take the exercise's own prescription. */
    private static ObjectNode entry(
            int position, String exercise, Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {
        ObjectNode entry = ProducerContracts.sampleTree("catalog.routine.upserted.v1")
                .at("/data/routine/entries/0")
                .deepCopy();
        entry.put("position", position).put("exerciseId", exercise);
        ((ObjectNode) entry.get("prescription"))
                .put("holdSeconds", holdSeconds)
                .put("repsMin", repsMin)
                .put("repsMax", repsMax)
                .put("sets", sets);
        return entry;
    }

    /** A new routine with this weekly target and these entries, published as the catalog's sample shape. */
    private String routine(int weeklyTarget, ObjectNode... entries) {
        String id = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = ProducerContracts.sampleTree("catalog.routine.upserted.v1");
        event.put("id", eventId).put("subject", id);
        ObjectNode data = ((ObjectNode) event.get("data")).put("id", eventId).put("routineId", id);
        ObjectNode routine = ((ObjectNode) data.get("routine"))
                .put("id", id)
                .put("slug", "routine-" + id.substring(0, 8))
                .put("weeklyTarget", weeklyTarget);
        ArrayNode list = routine.putArray("entries");
        List.of(entries).forEach(list::add);
        assertThat(ProducerContracts.schema("catalog.routine.upserted.v1").validate(event))
                .isEmpty();
        catalog.routine(event.toString());
        return id;
    }
}
