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
import org.backcare.progress.oracle.Story.Event;
import org.backcare.progress.oracle.Story.Exercise;
import org.backcare.progress.oracle.Story.SessionDeleted;
import org.backcare.progress.oracle.Story.SetEvent;
import org.backcare.progress.oracle.Story.Started;

/**
 * Generated stories: a few users in several time zones (Berlin and New York change to summer time in March 2026,
 * Sydney to winter time in April; Kolkata never), sessions over six weeks around those changes, some starting
 * just before midnight or in the hour the clocks skip, holds and repetitions, sided and not; then corrections,
 * set deletions and session deletions, sets arriving before their session's start or after its completion,
 * redelivered events, users interleaved as the partitions would, and any split into batches.
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
        List<String> users = new ArrayList<>();
        List<List<Event>> perUser = new ArrayList<>();
        for (UserPlan plan : plans) {
            String user = uuid(random);
            users.add(user);
            perUser.add(events(user, plan, random));
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
        return new Story(List.copyOf(topic), batches, now, users);
    }

    private static List<Event> events(String user, UserPlan plan, java.util.Random random) {
        List<Event> events = new ArrayList<>();
        List<Event> afterwards = new ArrayList<>(); // corrections and deletions, later in the user's history
        for (SessionPlan s : plan.sessions()) {
            String zone = ZONES.get(s.otherZone() ? plan.otherZone() : plan.zone());
            String session = uuid(random);
            Instant started = FIRST.plusDays(s.day())
                    .atTime(STARTS.get(s.start()))
                    .atZone(ZoneId.of(zone))
                    .toInstant();
            List<Event> own = new ArrayList<>();
            own.add(new Started(uuid(random), user, session, started, zone, s.painBefore()));
            Instant at = started;
            List<String> setIds = new ArrayList<>();
            for (SetPlan p : s.sets()) {
                Exercise e = Story.EXERCISES.get(p.exercise());
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
                        uuid(random), user, session, started, at.plusSeconds(120), zone, s.painBefore(), s.painAfter());
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
