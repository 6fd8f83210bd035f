package org.backcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * B4's data, made realistic (issue 21): 40 exercises (the local catalog's 16 and the rest created through the
 * catalog's admin API), about a third of them sided, HOLD and REPS; users in six time zones, each with one session a
 * day going back from two days ago, some of them started just before local midnight so their sets cross it; each
 * session 12 consecutive exercises of the 40 (cycling), 2 sets each, per side LEFT then RIGHT for the sided ones.
 * Everything goes through the public API: the sessions through {@code POST /sessions/import} (100 a request, several
 * requests in flight), then, spread over the users by a few clients in parallel, about 5% of the sets corrected
 * ({@code PATCH /sessions/{id}/sets/{setId}}), 5% deleted ({@code DELETE /sessions/{id}/sets/{setId}}) and 1% of the
 * sessions deleted ({@code DELETE /sessions/{id}}). Choices are drawn from a fixed seed, so two runs of one size seed
 * the same shape (the ids differ).
 */
final class RebuildData {

    static final int EXERCISES = 40;
    static final int USERS = 60;
    static final List<String> ZONES = List.of(
            "Europe/Berlin",
            "America/New_York",
            "Asia/Tokyo",
            "Australia/Sydney",
            "America/Los_Angeles",
            "Asia/Kolkata");
    private static final int EXERCISES_PER_SESSION = 12;
    private static final int SETS_PER_EXERCISE = 2;
    private static final int SET_SPACING_SECONDS = 45;
    private static final double CORRECTED = 0.05;
    private static final double DELETED = 0.05;
    private static final double SESSIONS_DELETED = 0.01;
    /** Each amendment is its own request: closed-loop clients, as many as B1's single-set POSTs need to keep up. */
    static final int AMENDING_CLIENTS = 16;

    private static final String[] REGIONS = {
        "NECK", "SHOULDERS", "UPPER_BACK", "LOWER_BACK", "CORE", "HIPS", "GLUTES", "HAMSTRINGS"
    };

    /** An exercise as a set needs it. */
    record Exercise(String id, String slug, boolean sided, boolean hold) {}

    /** What was seeded, for B4's row. */
    record Summary(
            long events,
            long sessions,
            long sets,
            int users,
            int exercises,
            int sidedExercises,
            int createdExercises,
            int zones,
            long crossingMidnight,
            long corrections,
            long setDeletions,
            long sessionDeletions,
            double importSeconds,
            double amendSeconds,
            int importClients,
            int probeEvents) {

        double importedEventsPerSecond() {
            return (sessions * 2 + sets) / importSeconds;
        }

        String describe() {
            return String.format(
                    "%,d events: %,d sessions with %,d sets of %d exercises (%d sided, %d created for B4) for %d users"
                            + " in %d time zones (%,d sessions across local midnight), then %,d sets corrected, %,d"
                            + " sets and %,d sessions deleted (and %d events of the probe that waited for the"
                            + " session-service to take the new exercises)",
                    events,
                    sessions,
                    sets,
                    exercises,
                    sidedExercises,
                    createdExercises,
                    users,
                    zones,
                    crossingMidnight,
                    corrections,
                    setDeletions,
                    sessionDeletions,
                    probeEvents);
        }
    }

    private record Amendment(int user, String path, Map<String, Object> correction) {}

    private final Bench bench;

    RebuildData(Bench bench) {
        this.bench = bench;
    }

    /** Seeds about {@code events} events (sessions, sets, corrections and deletions together). */
    Summary seed(int events) {
        List<Exercise> exercises = exercises();
        int sidedCount = (int) exercises.stream().filter(Exercise::sided).count();
        int created = Math.max(0, exercises.size() - knownBefore);
        awaitSessionServiceKnows(exercises);
        // sets per session on average over the cycle of the 40; a session adds its start and its completion, a set
        // about 10% more events (its correction or deletion), and 1% of sessions a deletion
        double setsPerSession =
                EXERCISES_PER_SESSION * SETS_PER_EXERCISE * (1 + (double) sidedCount / exercises.size());
        double eventsPerSession = setsPerSession * (1 + CORRECTED + DELETED) + 2 + SESSIONS_DELETED;
        int sessions = Math.max(USERS, (int) Math.round(events / eventsPerSession));
        List<BenchUsers.User> users = bench.users().create("rebuild", USERS);
        List<String> tokens = tokens(users);

        ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Amendment> amendments = Collections.synchronizedList(new ArrayList<>());
        AtomicLong importedSessions = new AtomicLong();
        AtomicLong importedSets = new AtomicLong();
        AtomicLong crossing = new AtomicLong();
        int perUser = (sessions + USERS - 1) / USERS;
        int left = sessions;
        // round-robin over the users, a request each, so every user's batches are spread over the whole import
        List<List<Runnable>> byUser = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int mine = Math.min(perUser, left);
            left -= mine;
            List<Runnable> requests = new ArrayList<>();
            int user = u;
            for (int from = 0; from < mine; from += ImportBenchmark.SESSIONS_PER_REQUEST) {
                int first = from;
                int last = Math.min(mine, from + ImportBenchmark.SESSIONS_PER_REQUEST);
                requests.add(() -> {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int k = first; k < last; k++) {
                        batch.add(session(user, k, exercises, amendments, crossing));
                    }
                    Api.Answer answer = bench.api()
                            .post(
                                    bench.stack().sessionUrl() + "/sessions/import",
                                    tokens.get(user),
                                    Map.of("sessions", batch),
                                    Duration.ofMinutes(5));
                    if (!answer.ok()) {
                        failures.add(answer.status() + " " + answer.body());
                        return;
                    }
                    for (JsonNode outcome : answer.json().path("results")) {
                        if ("IMPORTED".equals(outcome.path("status").asText())) {
                            importedSessions.incrementAndGet();
                            importedSets.addAndGet(outcome.path("sets").asLong());
                        } else {
                            failures.add(outcome.toString());
                        }
                    }
                });
            }
            byUser.add(requests);
        }
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<Runnable> requests : byUser) {
                if (round < requests.size()) {
                    work.add(requests.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        int clients = bench.options().rebuildClients();
        long started = System.nanoTime();
        drain(work, clients, "b4-import-");
        double importSeconds = (System.nanoTime() - started) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    failures.size() + " failures importing the rebuild's history, the first: " + failures.get(0));
        }
        bench.log(String.format(
                "B4 import: %,d sessions, %,d sets in %.1f s (%.0f events/s, %d requests in flight)",
                importedSessions.get(),
                importedSets.get(),
                importSeconds,
                (importedSessions.get() * 2 + importedSets.get()) / importSeconds,
                clients));

        // corrections and deletions, shuffled so that the users' are interleaved, by a few clients
        List<Amendment> plan = new ArrayList<>(amendments);
        Collections.shuffle(plan, new Random(21));
        // tokens live 15 minutes: new ones when the import took more than 10
        List<String> fresh = importSeconds > 600 ? tokens(users) : tokens;
        AtomicLong corrections = new AtomicLong();
        AtomicLong setDeletions = new AtomicLong();
        AtomicLong sessionDeletions = new AtomicLong();
        for (Amendment a : plan) {
            work.add(() -> {
                String url = bench.stack().sessionUrl() + a.path();
                Api.Answer answer = a.correction() != null
                        ? bench.api().patch(url, fresh.get(a.user()), a.correction())
                        : bench.api().delete(url, fresh.get(a.user()));
                if (!answer.ok()) {
                    failures.add(a.path() + ": " + answer.status() + " " + answer.body());
                } else if (a.correction() != null) {
                    corrections.incrementAndGet();
                } else if (a.path().contains("/sets/")) {
                    setDeletions.incrementAndGet();
                } else {
                    sessionDeletions.incrementAndGet();
                }
            });
        }
        long amending = System.nanoTime();
        drain(work, AMENDING_CLIENTS, "b4-amend-");
        double amendSeconds = (System.nanoTime() - amending) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    failures.size() + " failures correcting the rebuild's history, the first: " + failures.get(0));
        }
        bench.log(String.format(
                "B4 amendments: %,d corrections, %,d set and %,d session deletions in %.1f s (%d clients)",
                corrections.get(), setDeletions.get(), sessionDeletions.get(), amendSeconds, AMENDING_CLIENTS));
        long total = importedSessions.get() * 2
                + importedSets.get()
                + corrections.get()
                + setDeletions.get()
                + sessionDeletions.get();
        return new Summary(
                total,
                importedSessions.get(),
                importedSets.get(),
                USERS,
                exercises.size(),
                sidedCount,
                created,
                ZONES.size(),
                crossing.get(),
                corrections.get(),
                setDeletions.get(),
                sessionDeletions.get(),
                importSeconds,
                amendSeconds,
                clients,
                1 + exercises.size());
    }

    /** Signs the users in, 8 at a time (a password grant costs Keycloak a hash). */
    private List<String> tokens(List<BenchUsers.User> users) {
        String[] tokens = new String[users.size()];
        ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < users.size(); i++) {
            int at = i;
            work.add(() -> tokens[at] = bench.users().token(users.get(at)));
        }
        drain(work, 8, "b4-sign-in-");
        return List.of(tokens);
    }

    private static void drain(ConcurrentLinkedQueue<Runnable> work, int clients, String name) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(Bench.thread(name + t, () -> {
                for (Runnable next; (next = work.poll()) != null; ) {
                    next.run();
                }
            }));
        }
        Bench.joinAll(threads);
    }

    /**
     * Session {@code k} of user {@code u}: on the user's local day k + 2 days ago, in the morning or the evening by
     * user, every tenth at 23:40 so that its sets cross local midnight; 12 exercises of the cycle from where the
     * user's previous session stopped; pain before 3 to 5 and after 1 to 3, a set now and then painful (7). Plans
     * its corrections and deletions.
     */
    private Map<String, Object> session(
            int u, int k, List<Exercise> exercises, List<Amendment> amendments, AtomicLong crossing) {
        // SplittableRandom mixes its seed: java.util.Random's first draws of neighbouring seeds are nearly equal
        SplittableRandom random = new SplittableRandom(u * 1_000_003L + k);
        ZoneId zone = ZoneId.of(ZONES.get(u % ZONES.size()));
        LocalDate day = LocalDate.now(zone).minusDays(k + 2L);
        LocalTime at;
        if (k % 10 == 3) {
            at = LocalTime.of(23, 40);
            crossing.incrementAndGet();
        } else if (u % 3 == 1) {
            at = LocalTime.of(20, 15).plusMinutes(7L * (k % 5));
        } else {
            at = LocalTime.of(7, 10).plusMinutes(9L * (k % 4));
        }
        OffsetDateTime start = day.atTime(at).atZone(zone).toOffsetDateTime();
        String sessionId = UUID.randomUUID().toString();
        boolean deleteSession = random.nextDouble() < SESSIONS_DELETED;
        List<Map<String, Object>> sets = new ArrayList<>();
        int offset = (u * 7 + k * EXERCISES_PER_SESSION) % exercises.size();
        for (int e = 0; e < EXERCISES_PER_SESSION; e++) {
            Exercise exercise = exercises.get((offset + e) % exercises.size());
            for (int round = 0; round < SETS_PER_EXERCISE; round++) {
                for (String side :
                        exercise.sided() ? List.of("LEFT", "RIGHT") : Collections.<String>singletonList(null)) {
                    Map<String, Object> set = new LinkedHashMap<>();
                    String setId = UUID.randomUUID().toString();
                    set.put("id", setId);
                    set.put("exerciseId", exercise.id());
                    if (side != null) {
                        set.put("side", side);
                    }
                    if (exercise.hold()) {
                        set.put("holdSeconds", 18 + random.nextInt(16));
                        set.put("targetHoldSeconds", 30);
                    } else {
                        set.put("reps", 5 + random.nextInt(8));
                        set.put("targetReps", 10);
                    }
                    set.put("pain", random.nextInt(50) == 0 ? 7 : random.nextInt(4));
                    set.put(
                            "recordedAt",
                            start.plusSeconds((long) SET_SPACING_SECONDS * (sets.size() + 1))
                                    .toString());
                    sets.add(set);
                    if (!deleteSession) {
                        double draw = random.nextDouble();
                        String path = "/sessions/" + sessionId + "/sets/" + setId;
                        if (draw < CORRECTED) {
                            amendments.add(new Amendment(u, path, correction(set, random)));
                        } else if (draw < CORRECTED + DELETED) {
                            amendments.add(new Amendment(u, path, null));
                        }
                    }
                }
            }
        }
        if (deleteSession) {
            amendments.add(new Amendment(u, "/sessions/" + sessionId, null));
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", sessionId);
        session.put("startedAt", start.toString());
        session.put(
                "endedAt",
                start.plusSeconds((long) SET_SPACING_SECONDS * (sets.size() + 1))
                        .toString());
        session.put("timeZone", zone.getId());
        session.put("painBefore", 3 + random.nextInt(3));
        session.put("painAfter", 1 + random.nextInt(3));
        session.put("sets", sets);
        return session;
    }

    /**
     * The seconds or the repetitions, the pain, or both, as a person fixes a mistyped set: always a change (the
     * session-service emits nothing for a correction that changes nothing, and B4 waits for every event it counted).
     */
    private static Map<String, Object> correction(Map<String, Object> set, SplittableRandom random) {
        Map<String, Object> body = new LinkedHashMap<>();
        int what = random.nextInt(3);
        if (what != 1) {
            String field = set.containsKey("holdSeconds") ? "holdSeconds" : "reps";
            body.put(field, (Integer) set.get(field) + 1 + random.nextInt(3));
        }
        if (what != 0) {
            body.put("pain", ((Integer) set.get("pain") + 1 + random.nextInt(3)) % 6);
        }
        return body;
    }

    private int knownBefore;

    /**
     * The catalog's published exercises, and as many more created through {@code POST /exercises} (admin) as make
     * 40: published, with a prescription, sided so that a third of the 40 are, two HOLD stretches to one REPS
     * exercise, regions taken in turn from the catalog's.
     */
    private List<Exercise> exercises() {
        String catalog = bench.stack().catalogUrl();
        List<Exercise> list = new ArrayList<>();
        for (JsonNode e : bench.api()
                .get(catalog + "/exercises?size=100", null, "application/json")
                .orFail("exercise list")
                .json()
                .path("items")) {
            list.add(new Exercise(
                    e.path("id").asText(),
                    e.path("slug").asText(),
                    e.path("sided").asBoolean(),
                    "HOLD".equals(e.path("measurement").asText())));
        }
        knownBefore = list.size();
        if (list.size() > EXERCISES) {
            return list.subList(0, EXERCISES);
        }
        String admin = bench.users().token("admin");
        int sidedWanted = Math.round(EXERCISES / 3f);
        long sided = list.stream().filter(Exercise::sided).count();
        for (int n = list.size() + 1; list.size() < EXERCISES; n++) {
            int missing = EXERCISES - list.size();
            boolean makeSided = sided < sidedWanted && (sidedWanted - sided >= missing || n % 2 == 0);
            boolean hold = n % 3 != 0;
            String slug = "bench-exercise-" + n;
            Map<String, Object> prescription = new LinkedHashMap<>();
            if (hold) {
                prescription.put("holdSeconds", 30);
            }
            prescription.put("repsMin", 5);
            prescription.put("repsMax", 10);
            prescription.put("sets", SETS_PER_EXERCISE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("slug", slug);
            body.put("name", "Bench exercise " + n);
            body.put("summary", "An exercise created by bench/run for B4's data.");
            body.put("instructions", List.of("Move slowly, without bouncing.", "Breathe out as you stretch."));
            body.put("kind", hold ? "STRETCH" : n % 2 == 0 ? "STRENGTH" : "MOBILITY");
            body.put("regions", List.of(REGIONS[n % REGIONS.length], REGIONS[(n + 3) % REGIONS.length]));
            body.put("measurement", hold ? "HOLD" : "REPS");
            body.put("sided", makeSided);
            body.put("prescription", prescription);
            body.put("safetyCues", List.of("Never strain or cause pain."));
            JsonNode createdExercise = bench.api()
                    .post(catalog + "/exercises", admin, body)
                    .orFail("creating exercise " + slug)
                    .json();
            list.add(new Exercise(createdExercise.path("id").asText(), slug, makeSided, hold));
            if (makeSided) {
                sided++;
            }
        }
        return list;
    }

    /**
     * Waits until the session-service takes sets of every exercise (its replica follows catalog.exercises, and asks
     * the catalog on a miss): one session of a probe user with a set of each, recorded one at a time and retried
     * until accepted. These few events are on the topic and in the history too.
     */
    private void awaitSessionServiceKnows(List<Exercise> exercises) {
        BenchUsers.User probe = bench.users().create("rebuild-probe", 1).get(0);
        String token = bench.users().token(probe);
        String session = UUID.randomUUID().toString();
        String url = bench.stack().sessionUrl() + "/sessions";
        bench.api()
                .post(url, token, Workouts.openSession(UUID.fromString(session)))
                .orFail("probe session");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (Exercise exercise : exercises) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("id", UUID.randomUUID().toString());
            set.put("exerciseId", exercise.id());
            if (exercise.sided()) {
                set.put("side", "LEFT");
            }
            set.put(exercise.hold() ? "holdSeconds" : "reps", exercise.hold() ? 30 : 8);
            while (true) {
                Api.Answer answer = bench.api().post(url + "/" + session + "/sets", token, set);
                if (answer.ok()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the session-service does not take sets of " + exercise.slug()
                            + ": " + answer.status() + " " + answer.body());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }
}
