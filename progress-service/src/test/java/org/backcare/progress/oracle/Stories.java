package org.backcare.progress.oracle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backcare.progress.oracle.Story.Completed;
import org.backcare.progress.oracle.Story.Entry;
import org.backcare.progress.oracle.Story.Event;
import org.backcare.progress.oracle.Story.Exercise;
import org.backcare.progress.oracle.Story.Routine;
import org.backcare.progress.oracle.Story.SessionDeleted;
import org.backcare.progress.oracle.Story.SetEvent;
import org.backcare.progress.oracle.Story.Started;

/**
 * Generated stories: a few users in several time zones (Berlin and New York change to summer time in March 2026,
 * Sydney to winter time in April; Kolkata never), sessions over six weeks around those changes, some starting
 * just before midnight or in the hour the clocks skip, holds and repetitions, sided and not; then corrections,
 * set deletions and session deletions, sets arriving before their session's start or after its completion,
 * redelivered events, users interleaved as the partitions would, and any split into batches. Sessions follow a
 * routine of the catalog's (their sets mostly what it prescribes), one it never published, or none.
 */
final class Stories {

    static final List<String> ZONES =
            List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC");
    static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    static final List<LocalTime> STARTS = List.of(
            LocalTime.of(7, 30),
            LocalTime.of(23, 40),
            LocalTime.of(2, 30), // skipped in Berlin on 29 March, in New York on 8 March
            LocalTime.of(0, 10),
            LocalTime.of(18, 0));

    private Stories() {}

    /** A plan of one set: what it is and what becomes of it. */
    record SetPlan(
            int exercise, boolean left, int amount, int pain, int gapMinutes, int fate, int newAmount, int newPain) {}

    record SessionPlan(
            int day,
            int start,
            boolean otherZone,
            Integer painBefore,
            Integer painAfter,
            boolean completed,
            boolean deleted,
            boolean early,
            boolean late,
            List<SetPlan> sets) {}

    record UserPlan(int zone, int otherZone, List<SessionPlan> sessions) {}

    static Arbitrary<SetPlan> sets() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, Story.EXERCISES.size() - 1),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 60),
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(1, 45),
                        Arbitraries.integers().between(0, 9), // 0, 1: corrected; 2: deleted; 3: corrected then deleted
                        Arbitraries.integers().between(1, 60),
                        Arbitraries.integers().between(0, 10))
                .as(SetPlan::new);
    }

    static Arbitrary<SessionPlan> sessions() {
        Arbitrary<Integer> pain = Arbitraries.integers().between(0, 10).injectNull(0.3);
        Arbitrary<boolean[]> fates = Combinators.combine(
                        Arbitraries.of(true, true, false), // completed
                        Arbitraries.of(false, false, false, false, false, true), // deleted
                        Arbitraries.of(false, false, false, true), // the first set before the start
                        Arbitraries.of(false, false, false, true)) // the last set after the completion
                .as((completed, deleted, early, late) -> new boolean[] {completed, deleted, early, late});
        return Combinators.combine(
                        Arbitraries.integers().between(0, 41),
                        Arbitraries.integers().between(0, STARTS.size() - 1),
                        Arbitraries.of(false, false, false, true),
                        pain,
                        pain,
                        fates,
                        sets().list().ofMinSize(0).ofMaxSize(4))
                .as((day, start, other, before, after, f, sets) ->
                        new SessionPlan(day, start, other, before, after, f[0], f[1], f[2], f[3], sets));
    }

    static Arbitrary<UserPlan> users() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, ZONES.size() - 1),
                        Arbitraries.integers().between(0, ZONES.size() - 1),
                        sessions().list().ofMinSize(1).ofMaxSize(6))
                .as(UserPlan::new);
    }

    /** Stories: 1 to 4 users, how they interleave, redeliveries, batch cuts, and "now" (up to 7 weeks on). */
    static Arbitrary<Story> stories() {
        return Combinators.combine(
                        users().list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(0, 60 * 24 * 49))
                .as(Stories::story);
    }

    static Story story(List<UserPlan> plans, long shuffle, int nowMinutes) {
        java.util.Random random = new java.util.Random(shuffle); // the interleaving, redeliveries and cuts
        // the routines and who follows them come from a generator of their own, so that a seed found before the
        // routines were generated still makes the same sessions; seeded from the plans too, because jqwik draws
        // few distinct values of the long (the plans' hash codes are those of their values, the same every run)
        java.util.Random routineRandom = new java.util.Random(shuffle ^ (31L * plans.hashCode()) ^ nowMinutes);
        List<Routine> routines = routines(routineRandom);
        List<String> users = new ArrayList<>();
        List<List<Event>> perUser = new ArrayList<>();
        for (UserPlan plan : plans) {
            String user = uuid(random);
            users.add(user);
            perUser.add(events(user, plan, random, routineRandom, routines));
        }
        // interleave the users, each in its own order (one user's events share a partition)
        List<Event> topic = new ArrayList<>();
        int[] next = new int[perUser.size()];
        int left = perUser.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int u = random.nextInt(perUser.size());
            if (next[u] < perUser.get(u).size()) {
                topic.add(perUser.get(u).get(next[u]++));
                left--;
            }
        }
        // redeliveries: a copy of an earlier event (same id) somewhere later
        int redeliveries = random.nextInt(4);
        for (int i = 0; i < redeliveries && !topic.isEmpty(); i++) {
            int from = random.nextInt(topic.size());
            topic.add(from + 1 + random.nextInt(topic.size() - from), topic.get(from));
        }
        // any split into batches
        List<List<Event>> batches = new ArrayList<>();
        int from = 0;
        while (from < topic.size()) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 3 : topic.size());
            batches.add(List.copyOf(topic.subList(from, Math.min(topic.size(), from + size))));
            from += size;
        }
        Instant now = FIRST.atStartOfDay(ZoneId.of("UTC")).toInstant().plusSeconds(60L * nowMinutes);
        return new Story(List.copyOf(topic), batches, now, users, routines);
    }

    /**
     * Zero to three published routines with distinct weekly targets (1 to 5), and one the catalog never publishes
     * (sessions may name it: no target, no block). Each has one to three steps of distinct exercises: HOLD and
     * REPS, sided and not, the one published without a prescription and one never published, each overriding its
     * exercise's hold time, repetitions and sets or not.
     */
    static List<Routine> routines(java.util.Random random) {
        int published = random.nextInt(4);
        List<Integer> targets = new ArrayList<>(List.of(1, 2, 3, 4, 5));
        java.util.Collections.shuffle(targets, random);
        List<Routine> routines = new ArrayList<>();
        for (int i = 0; i <= published; i++) {
            String id = uuid(random);
            List<String> pool =
                    new ArrayList<>(Story.CATALOG.stream().map(Exercise::id).toList());
            pool.add(Story.UNKNOWN_EXERCISE);
            java.util.Collections.shuffle(pool, random);
            List<Entry> entries = new ArrayList<>();
            int steps = 1 + random.nextInt(3);
            for (int position = 1; position <= steps; position++) {
                String exercise = pool.get(position - 1);
                boolean hold =
                        !Story.published(exercise) || Story.exercise(exercise).hold();
                Integer holdSeconds = hold && random.nextInt(3) == 0 ? 5 + random.nextInt(36) : null;
                Integer repsMin = random.nextInt(3) == 0 ? 1 + random.nextInt(hold ? 3 : 12) : null;
                Integer sets = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : null;
                entries.add(new Entry(
                        position, exercise, holdSeconds, repsMin, repsMin == null ? null : repsMin + 2, sets));
            }
            String letter = String.valueOf((char) ('A' + i));
            routines.add(new Routine(
                    id,
                    "routine-" + letter.toLowerCase() + "-" + id.substring(0, 8),
                    "Routine " + letter,
                    targets.get(i),
                    entries,
                    i < published));
        }
        return routines;
    }

    private static List<Event> events(
            String user,
            UserPlan plan,
            java.util.Random random,
            java.util.Random routineRandom,
            List<Routine> routines) {
        List<Event> events = new ArrayList<>();
        List<Event> afterwards = new ArrayList<>(); // corrections and deletions, later in the user's history
        int main = routineRandom.nextInt(routines.size() + 1); // the routine the user follows, or none
        for (SessionPlan s : plan.sessions()) {
            String zone = ZONES.get(s.otherZone() ? plan.otherZone() : plan.zone());
            String session = uuid(random);
            // mostly the user's own routine, sometimes another (perhaps the unpublished one) or none
            int pick = routineRandom.nextInt(5) < 4 ? main : routineRandom.nextInt(routines.size() + 2);
            String routine = pick < routines.size() ? routines.get(pick).id() : null;
            Instant started = FIRST.plusDays(s.day())
                    .atTime(STARTS.get(s.start()))
                    .atZone(ZoneId.of(zone))
                    .toInstant();
            List<Event> own = new ArrayList<>();
            own.add(new Started(uuid(random), user, session, routine, started, zone, s.painBefore()));
            Instant at = started;
            List<String> setIds = new ArrayList<>();
            for (SetPlan p : s.sets()) {
                Exercise e = Story.EXERCISES.get(p.exercise());
                List<Exercise> prescribed = routine == null
                        ? List.of()
                        : Story.EXERCISES.stream()
                                .filter(x -> routines.get(pick).entries().stream()
                                        .anyMatch(entry -> entry.exercise().equals(x.id())))
                                .toList();
                if (!prescribed.isEmpty() && routineRandom.nextInt(10) < 7) { // mostly what the routine asks
                    e = prescribed.get(routineRandom.nextInt(prescribed.size()));
                }
                at = at.plusSeconds(60L * p.gapMinutes());
                String set = uuid(random);
                setIds.add(set);
                String side = e.sided() ? (p.left() ? "LEFT" : "RIGHT") : null;
                own.add(setEvent(Story.RECORDED, random, user, session, set, e, side, p.amount(), p.pain(), at, zone));
                if (p.fate() == 0 || p.fate() == 1 || p.fate() == 3) {
                    afterwards.add(setEvent(
                            Story.CORRECTED,
                            random,
                            user,
                            session,
                            set,
                            e,
                            side,
                            p.newAmount(),
                            p.newPain(),
                            at,
                            zone));
                }
                if (p.fate() == 2 || p.fate() == 3) {
                    afterwards.add(setEvent(
                            Story.DELETED, random, user, session, set, e, side, p.newAmount(), p.newPain(), at, zone));
                }
            }
            if (s.early() && own.size() > 1) { // the first set arrives before the session's start
                own.add(0, own.remove(1));
            }
            if (s.completed()) {
                Completed done = new Completed(
                        uuid(random),
                        user,
                        session,
                        routine,
                        started,
                        at.plusSeconds(120),
                        zone,
                        s.painBefore(),
                        s.painAfter());
                if (s.late() && own.size() > 2) { // the last set arrives after the completion
                    own.add(own.size() - 1, done);
                } else {
                    own.add(done);
                }
            }
            events.addAll(own);
            if (s.deleted()) {
                afterwards.add(new SessionDeleted(uuid(random), user, session, started, zone, setIds));
            }
        }
        // the corrections and deletions come after everything they name, in some order among themselves
        java.util.Collections.shuffle(afterwards, random);
        // ... but a set's correction before its deletion (the session-service refuses to correct a deleted set)
        afterwards.sort(java.util.Comparator.comparingInt(
                e -> e instanceof SetEvent se && Story.CORRECTED.equals(se.type()) ? 0 : 1));
        events.addAll(afterwards);
        return events;
    }

    private static SetEvent setEvent(
            String type,
            java.util.Random random,
            String user,
            String session,
            String set,
            Exercise e,
            String side,
            int amount,
            int pain,
            Instant at,
            String zone) {
        int reps = Math.max(1, amount / 3);
        return new SetEvent(
                type,
                uuid(random),
                user,
                session,
                set,
                e.id(),
                side,
                e.hold() ? amount : null,
                e.hold() ? null : reps,
                pain,
                at,
                zone);
    }

    private static String uuid(java.util.Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return UUID.nameUUIDFromBytes(bytes).toString();
    }
}
