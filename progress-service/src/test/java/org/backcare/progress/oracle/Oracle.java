package org.backcare.progress.oracle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.backcare.progress.oracle.Story.Completed;
import org.backcare.progress.oracle.Story.Entry;
import org.backcare.progress.oracle.Story.Event;
import org.backcare.progress.oracle.Story.Exercise;
import org.backcare.progress.oracle.Story.Routine;
import org.backcare.progress.oracle.Story.SessionDeleted;
import org.backcare.progress.oracle.Story.SetEvent;
import org.backcare.progress.oracle.Story.Started;

/**
 * The progress definitions of docs/architecture.md and the progress-service README, in memory and in the plainest terms: the
 * events are folded into sessions and sets as they now stand, and every answer is computed from those, with no SQL
 * and nothing of the service's code. Its answers are lines of text, the same lines {@link Answers} makes of the
 * service's JSON.
 */
final class Oracle {

    static final int RECENT_DAYS = 28;
    static final int DEFAULT_WEEKLY_TARGET = 3;

    static final class Session {
        String id;
        String user;
        Instant startedAt;
        Instant endedAt;
        String zone;
        Integer painBefore;
        Integer painAfter;
        String routine;
        boolean completed;
        boolean deleted;
        String startedEvent;
        String completedEvent;

        LocalDate day() {
            return startedAt.atZone(ZoneId.of(zone)).toLocalDate();
        }
    }

    static final class Set_ {
        String id;
        String user;
        String session;
        SetEvent recorded; // the first recording, the history names the set by its id
        List<String> corrections = new ArrayList<>();
        String exercise;
        String side;
        Integer holdSeconds;
        Integer reps;
        int pain;
        Instant recordedAt;
        String zone;
        boolean deleted;

        LocalDate day() {
            return recordedAt.atZone(ZoneId.of(zone)).toLocalDate();
        }

        Exercise ex() {
            return Story.exercise(exercise);
        }
    }

    private final Map<String, Routine> routines = new LinkedHashMap<>();
    private final Set<String> processed = new HashSet<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Set_> sets = new LinkedHashMap<>();

    /** Applies the topic in its order; an event id seen before changes nothing. */
    static Oracle of(List<Event> topic, List<Routine> catalog) {
        Oracle oracle = new Oracle();
        catalog.stream().filter(Routine::published).forEach(r -> oracle.routines.put(r.id(), r));
        topic.forEach(oracle::apply);
        return oracle;
    }

    void apply(Event event) {
        if (!processed.add(event.id())) {
            return;
        }
        if (event instanceof Started s) {
            Session session = session(s.session(), s.user());
            session.startedAt = s.startedAt();
            session.zone = s.zone();
            session.painBefore = s.painBefore();
            session.routine = s.routine();
            session.startedEvent = s.id();
        } else if (event instanceof Completed c) {
            Session session = session(c.session(), c.user());
            session.startedAt = c.startedAt();
            session.endedAt = c.endedAt();
            session.zone = c.zone();
            session.painBefore = c.painBefore();
            session.painAfter = c.painAfter();
            session.routine = c.routine();
            session.completed = true;
            session.completedEvent = c.id();
        } else if (event instanceof SessionDeleted d) {
            Session session = session(d.session(), d.user());
            session.deleted = true;
            sets.values().stream().filter(t -> t.session.equals(d.session())).forEach(t -> t.deleted = true);
        } else if (event instanceof SetEvent e) {
            Set_ set = sets.get(e.set());
            switch (e.type()) {
                case Story.RECORDED -> {
                    if (set != null) {
                        return; // already recorded, or deleted before its recording arrived: a tombstone stays
                    }
                    Session session = session(e.session(), e.user());
                    if (session.startedAt == null) { // first seen through a set
                        session.startedAt = e.recordedAt();
                        session.zone = e.zone();
                    }
                    set = new Set_();
                    set.id = e.set();
                    set.user = e.user();
                    set.session = e.session();
                    set.recorded = e;
                    set.exercise = e.exercise();
                    set.side = e.side();
                    set.holdSeconds = e.holdSeconds();
                    set.reps = e.reps();
                    set.pain = e.pain();
                    set.recordedAt = e.recordedAt();
                    set.zone = e.zone();
                    sets.put(set.id, set);
                }
                case Story.CORRECTED -> {
                    if (set == null || set.deleted) {
                        return; // a correction of a set not held, or deleted, changes nothing
                    }
                    set.holdSeconds = e.holdSeconds();
                    set.reps = e.reps();
                    set.pain = e.pain();
                    set.corrections.add(e.id());
                }
                case Story.DELETED -> {
                    if (set == null) {
                        set = new Set_();
                        set.id = e.set();
                        set.user = e.user();
                        set.session = e.session();
                        sets.put(set.id, set);
                    }
                    set.deleted = true;
                }
                default -> throw new IllegalArgumentException(e.type());
            }
        }
    }

    private Session session(String id, String user) {
        return sessions.computeIfAbsent(id, k -> {
            Session s = new Session();
            s.id = id;
            s.user = user;
            return s;
        });
    }

    // ---- what is left: live sessions and sets

    List<Session> sessionsOf(String user) {
        return sessions.values().stream()
                .filter(s -> s.user.equals(user) && !s.deleted && s.startedAt != null)
                .sorted(Comparator.comparing((Session s) -> s.startedAt).thenComparing(s -> s.id))
                .toList();
    }

    List<Set_> setsOf(String user) {
        return sets.values().stream()
                .filter(t -> t.user.equals(user) && !t.deleted && !sessions.get(t.session).deleted)
                .sorted(Comparator.comparing((Set_ t) -> t.recordedAt).thenComparing(t -> t.id))
                .toList();
    }

    /**
     * The session-service's history stream of the same state: per session (ordered by user, then start) its start,
     * each live set as it now stands under the id of its first recording, superseding its corrections, and its
     * completion when it is completed; deleted sets and sessions absent.
     */
    List<String> history(List<String> users) {
        List<String> lines = new ArrayList<>();
        for (String user : users.stream().sorted().toList()) {
            for (Session s : sessionsOf(user)) {
                lines.add(Story.json(
                        new Started(s.startedEvent, user, s.id, s.routine, s.startedAt, s.zone, s.painBefore)));
                for (Set_ t : setsOf(user)) {
                    if (t.session.equals(s.id)) {
                        SetEvent r = t.recorded;
                        lines.add(Story.historyLine(
                                new SetEvent(
                                        Story.RECORDED,
                                        r.id(),
                                        user,
                                        s.id,
                                        t.id,
                                        t.exercise,
                                        t.side,
                                        t.holdSeconds,
                                        t.reps,
                                        t.pain,
                                        t.recordedAt,
                                        t.zone),
                                t.corrections));
                    }
                }
                if (s.completed) {
                    lines.add(Story.json(new Completed(
                            s.completedEvent,
                            user,
                            s.id,
                            s.routine,
                            s.startedAt,
                            s.endedAt,
                            s.zone,
                            s.painBefore,
                            s.painAfter)));
                }
            }
        }
        return lines;
    }

    // ---- the answers

    ZoneId zone(String user) {
        List<Session> all = sessionsOf(user);
        return all.isEmpty() ? ZoneOffset.UTC : ZoneId.of(all.get(all.size() - 1).zone);
    }

    LocalDate today(String user, Instant now) {
        return now.atZone(zone(user)).toLocalDate();
    }

    /** GET /progress/me. */
    List<String> me(String user, Instant now) {
        ZoneId zone = zone(user);
        LocalDate today = today(user, now);
        List<Session> all = sessionsOf(user);
        List<Set_> live = setsOf(user);
        List<String> lines = new ArrayList<>();
        lines.add("timeZone=%s today=%s".formatted(zone.getId(), today));
        lines.add("totals sessions=%d sets=%d holdSeconds=%d reps=%d"
                .formatted(
                        all.size(),
                        live.size(),
                        live.stream().mapToLong(t -> n(t.holdSeconds)).sum(),
                        live.stream().mapToLong(t -> n(t.reps)).sum()));

        // streaks: runs of consecutive days with a live set
        TreeSet<LocalDate> active = new TreeSet<>();
        live.forEach(t -> active.add(t.day()));
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : active) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        if (active.isEmpty()) {
            lines.add("streak current=0 longest=0 lastActiveDay=null activeToday=false");
        } else {
            LocalDate last = active.last();
            boolean alive = !last.isBefore(today.minusDays(1));
            lines.add("streak current=%d longest=%d lastActiveDay=%s activeToday=%s"
                    .formatted(alive ? run : 0, longest, last, last.equals(today)));
        }

        // this week, Monday to Sunday in the user's zone
        LocalDate start = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate end = start.plusDays(6);
        Predicate<LocalDate> thisWeek = d -> !d.isBefore(start) && !d.isAfter(end);
        int weekSessions =
                (int) all.stream().filter(s -> thisWeek.test(s.day())).count();
        long weekDays = active.stream().filter(thisWeek).count();
        int withTarget = 0;
        int meeting = 0;
        for (Set_ t : live) {
            if (!thisWeek.test(t.day())) {
                continue;
            }
            Exercise e = t.ex();
            Integer target = e.hold() ? e.holdSeconds() : e.repsMin();
            if (target == null) {
                continue;
            }
            withTarget++;
            Integer done = e.hold() ? t.holdSeconds : t.reps;
            if (done != null && done >= target) {
                meeting++;
            }
        }
        // the weekly target: the largest of the routines followed in the last 4 weeks (the 28 days to today, and the
        // rest of this week), or 3 without one
        LocalDate followedFrom = today.minusDays(RECENT_DAYS - 1L);
        List<Routine> followed = all.stream()
                .filter(s -> !s.day().isBefore(followedFrom) && !s.day().isAfter(end))
                .map(s -> routines.get(s.routine == null ? "" : s.routine))
                .filter(Objects::nonNull)
                .distinct()
                .sorted(Comparator.comparing(Routine::name))
                .toList();
        Routine setter = followed.stream()
                .max(Comparator.comparingInt(Routine::weeklyTarget))
                .orElse(null);
        int target = setter == null ? DEFAULT_WEEKLY_TARGET : setter.weeklyTarget();
        List<String> routineLines = new ArrayList<>();
        Double weekPrescribed = null;
        for (Routine r : followed) {
            List<Session> ofRoutine = all.stream()
                    .filter(s -> thisWeek.test(s.day()) && r.id().equals(s.routine))
                    .toList();
            Double ratio = prescribed(r, ofRoutine, live, routineLines);
            if (r == setter) {
                weekPrescribed = ratio;
            }
        }
        lines.add("week start=%s end=%s sessions=%d activeDays=%d target=%d source=%s adherence=%s"
                        .formatted(
                                start,
                                end,
                                weekSessions,
                                weekDays,
                                target,
                                setter == null ? "DEFAULT" : "ROUTINE:" + setter.slug(),
                                round2((double) weekSessions / target))
                + " prescription=%d/%d ratio=%s"
                        .formatted(
                                meeting, withTarget, withTarget == 0 ? null : round2((double) meeting / withTarget)));
        lines.add("week prescribedAdherence=%s".formatted(weekPrescribed));
        lines.addAll(routineLines);

        // pain before the sessions of the last 4 weeks against the 4 before
        LocalDate lastFrom = today.minusDays(RECENT_DAYS - 1L);
        LocalDate previousFrom = today.minusDays(2L * RECENT_DAYS - 1);
        List<Session> last = all.stream()
                .filter(s -> !s.day().isBefore(lastFrom) && !s.day().isAfter(today))
                .toList();
        List<Session> before = all.stream()
                .filter(s -> !s.day().isBefore(previousFrom) && s.day().isBefore(lastFrom))
                .toList();
        Double beforeLast = average(last.stream().map(s -> s.painBefore).toList());
        Double beforePrevious = average(before.stream().map(s -> s.painBefore).toList());
        String trend = beforeLast == null || beforePrevious == null
                ? "UNKNOWN"
                : beforeLast - beforePrevious <= -1
                        ? "IMPROVING"
                        : beforeLast - beforePrevious >= 1 ? "WORSENING" : "STABLE";
        lines.add("pain trend=%s beforeLast4Weeks=%s beforePrevious4Weeks=%s afterLast4Weeks=%s change=%s"
                .formatted(
                        trend,
                        beforeLast,
                        beforePrevious,
                        average(last.stream().map(s -> s.painAfter).toList()),
                        average(last.stream()
                                .filter(s -> s.painBefore != null && s.painAfter != null)
                                .map(s -> s.painAfter - s.painBefore)
                                .toList())));

        // pain flags of the last 28 days: every set with pain >= 7, and per session the largest rise of 3 or more
        // over the lowest earlier reading (pain before, the sets in time order, pain after)
        Instant since = lastFrom.atStartOfDay(zone).toInstant();
        List<String> flags = new ArrayList<>();
        for (Session s : all) {
            List<Set_> ofSession =
                    live.stream().filter(t -> t.session.equals(s.id)).toList();
            for (Set_ t : ofSession) {
                if (t.pain >= 7 && !t.recordedAt.isBefore(since)) {
                    flags.add("flag HIGH_PAIN session=%s set=%s pain=%d from=null".formatted(s.id, t.id, t.pain));
                }
            }
            List<Object[]> readings = new ArrayList<>(); // {pain, set id or null, time}
            if (s.painBefore != null) {
                readings.add(new Object[] {s.painBefore, null, s.startedAt});
            }
            ofSession.forEach(t -> readings.add(new Object[] {t.pain, t.id, t.recordedAt}));
            if (s.painAfter != null) {
                readings.add(new Object[] {s.painAfter, null, s.endedAt});
            }
            Integer lowest = null;
            Object[] best = null;
            int bestRise = 0;
            int bestFrom = 0;
            for (Object[] r : readings) {
                int pain = (Integer) r[0];
                if (lowest != null && pain - lowest >= 3 && pain - lowest > bestRise) {
                    bestRise = pain - lowest;
                    bestFrom = lowest;
                    best = r;
                }
                lowest = lowest == null ? pain : Math.min(lowest, pain);
            }
            if (best != null && !((Instant) best[2]).isBefore(since)) {
                flags.add(
                        "flag PAIN_RISE session=%s set=%s pain=%d from=%d".formatted(s.id, best[1], best[0], bestFrom));
            }
        }
        flags.sort(null);
        lines.addAll(flags);
        return lines;
    }

    /** One step of a routine on one side, with its effective prescription. */
    private record Part(Entry entry, Exercise exercise, String side, Integer holdSeconds, Integer repsMin, int asked) {

        /** A set of this step: its exercise, on this side, reaching the hold time or repetitions (any when missing). */
        boolean counts(Set_ set) {
            if (!set.exercise.equals(exercise.id()) || !Objects.equals(set.side, side)) {
                return false;
            }
            Integer done = exercise.hold() ? set.holdSeconds : set.reps;
            Integer wanted = exercise.hold() ? holdSeconds : repsMin;
            return done != null && (wanted == null || done >= wanted);
        }
    }

    /**
     * The routine's week against its prescription, written as its lines (the routine, then each entry and side);
     * answers the ratio of sets done to sets prescribed, null when nothing is prescribed.
     *
     * <p>From the text: an entry's prescription is its exercise's with the routine's non-null values replacing it;
     * per session and side it asks for {@code repsMin × sets} holds of at least {@code holdSeconds}, or {@code sets}
     * sets of at least {@code repsMin} repetitions (missing values 1, a missing hold time or count accepts any);
     * sets beyond those asked add nothing; the week counts the {@code weeklyTarget} sessions that did the most (of
     * sessions that did as much, the earlier); an entry whose exercise is unknown is left out.
     */
    private static Double prescribed(Routine r, List<Session> sessions, List<Set_> live, List<String> lines) {
        List<Part> parts = new ArrayList<>();
        for (Entry entry : r.entries().stream()
                .sorted(Comparator.comparingInt(Entry::position))
                .toList()) {
            if (!Story.published(entry.exercise())) {
                continue; // neither published nor ever done: left out
            }
            Exercise e = Story.exercise(entry.exercise());
            Integer hold = entry.holdSeconds() != null ? entry.holdSeconds() : e.holdSeconds();
            Integer repsMin = entry.repsMin() != null ? entry.repsMin() : e.repsMin();
            int sets = one(entry.sets() != null ? entry.sets() : e.sets());
            int asked = e.hold() ? one(repsMin) * sets : sets;
            for (String side :
                    e.sided() ? List.of("LEFT", "RIGHT") : java.util.Collections.<String>singletonList(null)) {
                parts.add(new Part(entry, e, side, e.hold() ? hold : null, repsMin, asked));
            }
        }
        Map<String, int[]> done = new LinkedHashMap<>();
        for (Session s : sessions) {
            int[] perPart = new int[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                long counting = live.stream()
                        .filter(t -> t.session.equals(s.id) && part.counts(t))
                        .count();
                perPart[i] = (int) Math.min(counting, part.asked());
            }
            done.put(s.id, perPart);
        }
        List<Session> counted = sessions.stream()
                .sorted(Comparator.comparingInt((Session s) ->
                                -java.util.Arrays.stream(done.get(s.id)).sum())
                        .thenComparing(s -> s.startedAt)
                        .thenComparing(s -> java.util.UUID.fromString(s.id)))
                .limit(r.weeklyTarget())
                .toList();
        int prescribedTotal = 0;
        int doneTotal = 0;
        List<String> entryLines = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            int partDone = 0;
            for (Session s : counted) {
                partDone += done.get(s.id)[i];
            }
            int partPrescribed = r.weeklyTarget() * part.asked();
            prescribedTotal += partPrescribed;
            doneTotal += partDone;
            entryLines.add(entryLine(
                    part.entry().position(),
                    part.exercise().id(),
                    part.exercise().name(),
                    part.exercise().hold() ? "HOLD" : "REPS",
                    part.side(),
                    part.holdSeconds(),
                    part.repsMin(),
                    part.asked(),
                    partPrescribed,
                    partDone));
        }
        Double ratio = prescribedTotal == 0 ? null : round2((double) doneTotal / prescribedTotal);
        lines.add(routineLine(
                r.id(),
                r.name(),
                sessions.size(),
                r.weeklyTarget(),
                round2((double) sessions.size() / r.weeklyTarget()),
                prescribedTotal,
                doneTotal,
                ratio));
        lines.addAll(entryLines);
        return ratio;
    }

    static String routineLine(
            Object id,
            Object name,
            Object sessions,
            Object weeklyTarget,
            Object adherence,
            Object setsPrescribed,
            Object setsDone,
            Object prescribedAdherence) {
        return "routine %s name=%s sessions=%s weeklyTarget=%s adherence=%s setsPrescribed=%s setsDone=%s prescribedAdherence=%s"
                .formatted(id, name, sessions, weeklyTarget, adherence, setsPrescribed, setsDone, prescribedAdherence);
    }

    static String entryLine(
            Object position,
            Object exercise,
            Object name,
            Object measurement,
            Object side,
            Object holdSeconds,
            Object repsMin,
            Object setsPerSession,
            Object setsPrescribed,
            Object setsDone) {
        return "  entry %s exercise=%s name=%s measurement=%s side=%s holdSeconds=%s repsMin=%s setsPerSession=%s setsPrescribed=%s setsDone=%s"
                .formatted(
                        position,
                        exercise,
                        name,
                        measurement,
                        side,
                        holdSeconds,
                        repsMin,
                        setsPerSession,
                        setsPrescribed,
                        setsDone);
    }

    private static int one(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }

    /** GET /progress/me/history: granularity day, week (from Monday) or month, optionally one region or exercise. */
    List<String> history(
            String user, LocalDate from, LocalDate to, String granularity, String region, String exercise) {
        boolean filtered = region != null || exercise != null;
        Predicate<Set_> in = t -> (exercise == null || t.exercise.equals(exercise))
                && (region == null || t.ex().regions().contains(region));
        TreeMap<LocalDate, List<Set_>> setsByBucket = new TreeMap<>();
        TreeMap<LocalDate, List<Session>> sessionsByBucket = new TreeMap<>();
        for (LocalDate b = startOf(from, granularity); !b.isAfter(to); b = next(b, granularity)) {
            setsByBucket.put(b, new ArrayList<>());
            sessionsByBucket.put(b, new ArrayList<>());
        }
        for (Set_ t : setsOf(user)) {
            if (!t.day().isBefore(from) && !t.day().isAfter(to) && in.test(t)) {
                setsByBucket.get(startOf(t.day(), granularity)).add(t);
            }
        }
        for (Session s : sessionsOf(user)) {
            if (!s.day().isBefore(from) && !s.day().isAfter(to)) {
                sessionsByBucket.get(startOf(s.day(), granularity)).add(s);
            }
        }
        List<String> lines = new ArrayList<>();
        for (LocalDate b : setsByBucket.keySet()) {
            List<Set_> ts = setsByBucket.get(b);
            List<Session> ss = sessionsByBucket.get(b);
            LocalDate first = b.isBefore(from) ? from : b;
            LocalDate last = next(b, granularity).minusDays(1);
            List<Set_> holds = ts.stream().filter(t -> t.holdSeconds != null).toList();
            long hold = holds.stream().mapToLong(t -> t.holdSeconds).sum();
            lines.add(bucket(
                    first,
                    last.isAfter(to) ? to : last,
                    filtered ? null : ss.size(),
                    ts.stream().map(Set_::day).distinct().count(),
                    ts.size(),
                    hold,
                    ts.stream().mapToLong(t -> n(t.reps)).sum(),
                    holds.stream().map(t -> t.holdSeconds).max(Integer::compare).orElse(null),
                    holds.isEmpty() ? null : round2((double) hold / holds.size()),
                    ts.stream()
                            .map(t -> t.reps)
                            .filter(Objects::nonNull)
                            .max(Integer::compare)
                            .orElse(null),
                    filtered ? null : average(ss.stream().map(s -> s.painBefore).toList(), false),
                    filtered ? null : average(ss.stream().map(s -> s.painAfter).toList(), false)));
        }
        return lines;
    }

    static String bucket(
            LocalDate start,
            LocalDate end,
            Integer sessions,
            long activeDays,
            long sets,
            long hold,
            long reps,
            Integer best,
            Double average,
            Integer bestReps,
            Double painBefore,
            Double painAfter) {
        return "%s..%s sessions=%s activeDays=%d sets=%d hold=%d reps=%d bestHold=%s averageHold=%s bestReps=%s painBefore=%s painAfter=%s"
                .formatted(
                        start,
                        end,
                        sessions,
                        activeDays,
                        sets,
                        hold,
                        reps,
                        best,
                        average,
                        bestReps,
                        painBefore,
                        painAfter);
    }

    /** GET /progress/me/exercises/{id}: the daily series per side, and left against right over the last 28 days. */
    List<String> exercise(String user, String exercise, LocalDate from, LocalDate to, Instant now) {
        Exercise e = Story.exercise(exercise);
        TreeMap<String, List<Set_>> points = new TreeMap<>();
        for (Set_ t : setsOf(user)) {
            if (t.exercise.equals(exercise)
                    && !t.day().isBefore(from)
                    && !t.day().isAfter(to)) {
                points.computeIfAbsent(t.day() + " " + (t.side == null ? "" : t.side), k -> new ArrayList<>())
                        .add(t);
            }
        }
        List<String> lines = new ArrayList<>();
        points.forEach((key, ts) -> {
            List<Set_> holds = ts.stream().filter(t -> t.holdSeconds != null).toList();
            long hold = holds.stream().mapToLong(t -> t.holdSeconds).sum();
            lines.add(point(
                    key,
                    ts.size(),
                    hold,
                    holds.stream().map(t -> t.holdSeconds).max(Integer::compare).orElse(null),
                    holds.isEmpty() ? null : round2((double) hold / holds.size()),
                    ts.stream().mapToLong(t -> n(t.reps)).sum(),
                    ts.stream()
                            .map(t -> t.reps)
                            .filter(Objects::nonNull)
                            .max(Integer::compare)
                            .orElse(null),
                    ts.stream().mapToInt(t -> t.pain).max().orElseThrow()));
        });
        if (e.sided()) {
            LocalDate today = today(user, now);
            LocalDate since = today.minusDays(RECENT_DAYS - 1L);
            for (String side : List.of("LEFT", "RIGHT")) {
                List<Set_> ts = setsOf(user).stream()
                        .filter(t -> t.exercise.equals(exercise)
                                && side.equals(t.side)
                                && !t.day().isBefore(since)
                                && !t.day().isAfter(today))
                        .toList();
                lines.add("balance %s sets=%d hold=%d reps=%d"
                        .formatted(
                                side,
                                ts.size(),
                                ts.stream().mapToLong(t -> n(t.holdSeconds)).sum(),
                                ts.stream().mapToLong(t -> n(t.reps)).sum()));
            }
        }
        return lines;
    }

    static String point(
            String daySide,
            long sets,
            long hold,
            Integer best,
            Double average,
            long reps,
            Integer bestReps,
            Integer maxPain) {
        return "%s sets=%d hold=%d bestHold=%s averageHold=%s reps=%d bestReps=%s maxPain=%s"
                .formatted(daySide, sets, hold, best, average, reps, bestReps, maxPain);
    }

    /** The exercises the user has a live set of, at any time. */
    List<String> exercisesDone(String user) {
        return setsOf(user).stream().map(t -> t.exercise).distinct().sorted().toList();
    }

    /** The first and last day of anything the user did, or today. */
    LocalDate firstDay(String user, Instant now) {
        return sessionsOf(user).stream()
                .map(Session::day)
                .min(Comparator.naturalOrder())
                .orElse(today(user, now));
    }

    static LocalDate startOf(LocalDate day, String granularity) {
        return switch (granularity) {
            case "day" -> day;
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> day.withDayOfMonth(1);
            default -> throw new IllegalArgumentException(granularity);
        };
    }

    static LocalDate next(LocalDate start, String granularity) {
        return switch (granularity) {
            case "day" -> start.plusDays(1);
            case "week" -> start.plusWeeks(1);
            case "month" -> start.plusMonths(1);
            default -> throw new IllegalArgumentException(granularity);
        };
    }

    static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

    private static long n(Integer value) {
        return value == null ? 0 : value;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static Double average(List<Integer> values) {
        return average(values, true);
    }

    private static Double average(List<Integer> values, boolean unused) {
        List<Integer> present = values.stream().filter(Objects::nonNull).toList();
        return present.isEmpty()
                ? null
                : round2(present.stream().mapToInt(Integer::intValue).sum() / (double) present.size());
    }
}
