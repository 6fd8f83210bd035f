package org.backcare.session.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids of the events that describe a state the session database keeps: derived from what they are about
 * (name-based UUIDs, version 3), so the live event and its re-expression in the history stream
 * (GET /admin/session-history) carry the same id, and a rebuild can tell which live events it already reflects.
 * Deletions and erasures leave nothing in the database to derive an id from: their events keep random ids.
 */
public final class EventIds {

    private EventIds() {}

    /** workout.session.started.v1 of a session. */
    public static UUID sessionStarted(UUID sessionId) {
        return of(SessionStarted.TYPE + ":" + sessionId);
    }

    /** workout.set.recorded.v1 of a set. */
    public static UUID setRecorded(UUID setId) {
        return of(SetRecorded.TYPE + ":" + setId);
    }

    /** workout.session.completed.v1 of a session. */
    public static UUID sessionCompleted(UUID sessionId) {
        return of(SessionCompleted.TYPE + ":" + sessionId);
    }

    /** workout.set.corrected.v1 of a set's {@code revision}-th correction (1 for the first). */
    public static UUID setCorrected(UUID setId, int revision) {
        if (revision < 1) {
            throw new IllegalArgumentException("a correction's revision starts at 1, not " + revision);
        }
        return of(SetCorrected.TYPE + ":" + setId + ":" + revision);
    }

    private static UUID of(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
