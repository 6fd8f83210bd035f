package org.backcare.progress;

import static org.backcare.progress.Events.*;

import java.util.List;

/** A person's short history of session events, with something in every projection table. */
final class Workouts {

    static final String ZONE = "Europe/Berlin";

    private Workouts() {}

    /**
     * Two days: a completed session with a hold that hurt (a pain flag), a set of repetitions and a deleted set (a
     * tombstone), and an open session the next day.
     */
    static List<String> twoDaysOf(String user) {
        String first = id();
        String second = id();
        String undone = id();
        return List.of(
                started(user, first, "2026-11-20T07:30:00+01:00", ZONE, 4),
                hold(user, first, id(), CHIN_TO_CHEST, null, 30, 8, "2026-11-20T07:31:00+01:00", ZONE),
                reps(user, first, id(), 12, 2, "2026-11-20T07:33:00+01:00", ZONE),
                hold(user, first, undone, EAR_TO_SHOULDER, "LEFT", 20, 1, "2026-11-20T07:34:00+01:00", ZONE),
                deleted(user, first, undone, EAR_TO_SHOULDER, "LEFT", 20, null, "2026-11-20T07:34:00+01:00", ZONE),
                completed(user, first, "2026-11-20T07:30:00+01:00", "2026-11-20T07:50:00+01:00", ZONE, 4, 2),
                started(user, second, "2026-11-21T07:30:00+01:00", ZONE, 3),
                hold(user, second, id(), EAR_TO_SHOULDER, "RIGHT", 25, 1, "2026-11-21T07:31:00+01:00", ZONE));
    }
}
