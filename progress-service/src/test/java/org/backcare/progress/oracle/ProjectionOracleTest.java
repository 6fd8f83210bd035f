package org.backcare.progress.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.backcare.infra.quarkus.PostgresResource;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ProjectionTables;
import org.backcare.progress.Rebuilds;
import org.backcare.progress.SessionHistoryServer;
import org.backcare.progress.TestClock;
import org.backcare.progress.oracle.Story.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated stories (jqwik's {@link Stories}) applied three ways, answer by answer and row by row: the live
 * consumer (the method of the channel session-events, a poll of records at a time, in the story's batches), the
 * rebuild from the session-service's history of the same state, and the {@link Oracle}. Every user's
 * {@code /progress/me}, history (day, week, month; a region; each exercise) and exercise progression must be the
 * oracle's; the rebuild must leave the rows the live consumer left; and the whole topic delivered again after the
 * rebuild must change nothing.
 *
 * <p>A failure names its seed: run {@code -Doracle.seed=<seed> -Doracle.tries=1} to see it again, and keep it in
 * {@link #aStoryFoundOnceStaysRight}.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(SessionHistoryServer.class)
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "progress_test"))
class ProjectionOracleTest {

    static final int TRIES = Integer.getInteger("oracle.tries", 40);
    static final long SEED = Long.getLong("oracle.seed", System.nanoTime());

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void catalog() {
        Story.CATALOG.forEach(e -> Channels.catalogExercise(e.upserted()));
    }

    @Test
    void theLiveProjectionTheRebuildAndTheOracleAgreeOnEveryGeneratedStory() throws Exception {
        Random seeds = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            long seed = seeds.nextLong();
            check(story(seed), "seed %d (try %d of %d, base seed %d)".formatted(seed, i + 1, TRIES, SEED));
        }
    }

    /**
     * Seeds that once failed, kept. -6926243417036594254: a person whose latest session was deleted kept that
     * session's time zone in the live projection, while the rebuild (from a history without the deleted session)
     * and the oracle took the zone of the latest session left (FactWriter's zones after a deletion fixed it).
     * -4641070464016058901: two sessions of a person started at the same minute in two zones; the live projection
     * kept the zone of the one applied last, the rebuild and the oracle that of the greater session id (the live
     * path now finds a person's zone from their sessions as the rebuild does, {@code FactWriter.zonesOf}).
     */
    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 21L, -6926243417036594254L, -4641070464016058901L})
    void aStoryFoundOnceStaysRight(long seed) throws Exception {
        check(story(seed), "seed " + seed);
    }

    /**
     * The stories reach what the oracle checks of routines: a week whose target a routine sets, more than one
     * routine followed, sets that count against the prescription, extra sessions beyond the weekly target, sided
     * entries, an entry with no prescription values (one hold of any length), a routine none of whose exercises is
     * known (nothing prescribed), and sessions of a routine the catalog never published. 500 stories, the oracle
     * alone (no service), so that a generator that stops making them fails here rather than passing quietly.
     */
    @Test
    void theStoriesFollowRoutinesInEveryWayTheOracleChecks() {
        Random seeds = new Random(20261201L);
        List<String> lines = new java.util.ArrayList<>();
        int unpublished = 0;
        for (int i = 0; i < 500; i++) {
            Story story = story(seeds.nextLong());
            Oracle oracle = Oracle.of(story.topic(), story.routines());
            story.users().forEach(user -> lines.addAll(oracle.me(user, story.now())));
            List<String> never = story.routines().stream()
                    .filter(r -> !r.published())
                    .map(Story.Routine::id)
                    .toList();
            unpublished += (int) story.topic().stream()
                    .filter(e -> e instanceof Story.Started s && never.contains(s.routine()))
                    .count();
        }
        assertThat(lines).anyMatch(l -> l.contains(" source=ROUTINE:"));
        assertThat(lines).anyMatch(l -> l.startsWith("week prescribedAdherence=0.") && !l.endsWith("=0.0"));
        assertThat(lines).anyMatch(l -> l.startsWith("routine ") && l.matches(".* setsDone=[1-9].*"));
        assertThat(lines)
                .anyMatch(l ->
                        l.startsWith("routine ") && l.endsWith("setsPrescribed=0 setsDone=0 prescribedAdherence=null"));
        assertThat(lines).anyMatch(l -> l.startsWith("routine ") && sessionsBeyondTarget(l));
        assertThat(lines)
                .anyMatch(
                        l -> l.startsWith("  entry ") && l.contains(" side=LEFT ") && l.matches(".* setsDone=[1-9].*"));
        assertThat(lines)
                .anyMatch(l -> l.contains("exercise=" + Story.PELVIC_TILT.id())
                        && l.contains("holdSeconds=null repsMin=null setsPerSession=1 "));
        assertThat(lines)
                .anyMatch(l ->
                        l.startsWith("  entry ") && l.contains("measurement=REPS") && l.matches(".* setsDone=[1-9].*"));
        assertThat(unpublished).as("sessions of a routine never published").isPositive();
    }

    private static boolean sessionsBeyondTarget(String routineLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" sessions=(\\d+) weeklyTarget=(\\d+) ")
                .matcher(routineLine);
        return m.find() && Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2));
    }

    /** jqwik's generator outside a jqwik property: in a session of its own, from the seed. */
    static Story story(long seed) {
        net.jqwik.api.sessions.JqwikSession.start();
        try {
            return Stories.stories().generator(1000).next(new Random(seed)).value();
        } finally {
            net.jqwik.api.sessions.JqwikSession.finish();
        }
    }

    private void check(Story story, String what) throws Exception {
        truncate();
        clock.set(story.now().toString());
        story.routines().stream().filter(Story.Routine::published).forEach(r -> Channels.catalogRoutine(r.upserted()));
        Oracle oracle = Oracle.of(story.topic(), story.routines());
        Map<String, List<String>> expected = expected(story, oracle);

        long offset = 0;
        for (List<Event> batch : story.batches()) {
            Channels.sessionEvents(batch.stream().map(Story::json).toList(), offset);
            offset += batch.size();
        }
        assertThat(answers(story, oracle))
                .as("the live projection's answers, " + what)
                .isEqualTo(expected);
        Map<String, List<String>> live = figures();

        SessionHistoryServer.serve(oracle.history(story.users()));
        assertThat(Rebuilds.runToTheEnd(TestTokens.admin()).getString("state"))
                .as("the rebuild's end, " + what)
                .isEqualTo("done");
        assertThat(figures())
                .as("the rebuild's rows against the live ones, " + what)
                .isEqualTo(live);
        assertThat(answers(story, oracle)).as("the rebuild's answers, " + what).isEqualTo(expected);

        Channels.sessionEvents(story.topic().stream().map(Story::json).toList(), offset);
        assertThat(figures()).as("the topic again after the rebuild, " + what).isEqualTo(live);
    }

    private static Map<String, List<String>> expected(Story story, Oracle oracle) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String user : story.users()) {
            Window w = Window.of(oracle, user, story);
            answers.put(user + " me", oracle.me(user, story.now()));
            for (String granularity : List.of("day", "week", "month")) {
                answers.put(
                        user + " history " + granularity, oracle.history(user, w.from, w.to, granularity, null, null));
            }
            for (String region : List.of("NECK", "HIPS")) {
                answers.put(
                        user + " history region " + region, oracle.history(user, w.from, w.to, "week", region, null));
            }
            for (String exercise : oracle.exercisesDone(user)) {
                answers.put(
                        user + " history exercise " + exercise,
                        oracle.history(user, w.from, w.to, "day", null, exercise));
                answers.put(user + " exercise " + exercise, oracle.exercise(user, exercise, w.from, w.to, story.now()));
            }
        }
        return answers;
    }

    private static Map<String, List<String>> answers(Story story, Oracle oracle) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String user : story.users()) {
            Window w = Window.of(oracle, user, story);
            answers.put(user + " me", Answers.me(user));
            for (String granularity : List.of("day", "week", "month")) {
                answers.put(
                        user + " history " + granularity, Answers.history(user, w.from, w.to, granularity, null, null));
            }
            for (String region : List.of("NECK", "HIPS")) {
                answers.put(
                        user + " history region " + region, Answers.history(user, w.from, w.to, "week", region, null));
            }
            for (String exercise : oracle.exercisesDone(user)) {
                answers.put(
                        user + " history exercise " + exercise,
                        Answers.history(user, w.from, w.to, "day", null, exercise));
                answers.put(user + " exercise " + exercise, Answers.exercise(user, exercise, w.from, w.to));
            }
        }
        return answers;
    }

    /** Every day of the story and today, with a margin. */
    record Window(LocalDate from, LocalDate to) {
        static Window of(Oracle oracle, String user, Story story) {
            LocalDate today = oracle.today(user, story.now());
            LocalDate first = oracle.firstDay(user, story.now());
            LocalDate last = Stories.FIRST.plusDays(44);
            return new Window((first.isBefore(today) ? first : today).minusDays(2), today.isAfter(last) ? today : last);
        }
    }

    /** Every projection table as text, as the other projection tests compare them ({@link ProjectionTables}). */
    private Map<String, List<String>> figures() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return ProjectionTables.figures(c);
        }
    }

    private void truncate() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("truncate processed_event, session_fact, set_fact, daily_exercise, daily_activity, active_run,"
                    + " pain_flag, user_totals, user_profile");
        }
    }
}
