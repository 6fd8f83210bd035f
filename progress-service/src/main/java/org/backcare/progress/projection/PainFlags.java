package org.backcare.progress.projection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The article: never strain or cause pain. A session is flagged for every set with pain of 7 or more, and once
 * when pain rose by 3 or more within it: over the readings in time order (pain before, each set's pain, pain
 * after), the largest rise of a reading over the lowest reading before it.
 */
public final class PainFlags {

    public static final int HIGH_PAIN = 7;
    public static final int RISE = 3;

    /** The session's pain readings before and after. */
    public record Session(
            UUID sessionId,
            String userId,
            LocalDate day,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            Integer painBefore,
            Integer painAfter) {}

    /** A live set of the session, in time order. */
    public record SetPain(UUID setId, UUID exerciseId, LocalDate day, OffsetDateTime recordedAt, Integer pain) {}

    /** A flag: position orders the flags of a session (a set's index; -1 for the rise). */
    public record Flag(
            UUID sessionId,
            int position,
            String userId,
            String kind,
            LocalDate day,
            OffsetDateTime occurredAt,
            int pain,
            Integer painFrom,
            UUID setId,
            UUID exerciseId) {}

    private PainFlags() {}

    public static List<Flag> of(Session session, List<SetPain> sets) {
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            SetPain set = sets.get(i);
            if (set.pain() != null && set.pain() >= HIGH_PAIN) {
                flags.add(new Flag(
                        session.sessionId(),
                        i,
                        session.userId(),
                        "HIGH_PAIN",
                        set.day(),
                        set.recordedAt(),
                        set.pain(),
                        null,
                        set.setId(),
                        set.exerciseId()));
            }
        }
        Integer lowest = session.painBefore();
        Flag rise = null;
        int largest = RISE - 1;
        for (SetPain set : sets) {
            if (set.pain() == null) {
                continue;
            }
            if (lowest != null && set.pain() - lowest > largest) {
                largest = set.pain() - lowest;
                rise = new Flag(
                        session.sessionId(),
                        -1,
                        session.userId(),
                        "PAIN_RISE",
                        set.day(),
                        set.recordedAt(),
                        set.pain(),
                        lowest,
                        set.setId(),
                        set.exerciseId());
            }
            lowest = lowest == null ? set.pain() : Math.min(lowest, set.pain());
        }
        if (session.painAfter() != null && lowest != null && session.painAfter() - lowest > largest) {
            OffsetDateTime at = session.endedAt() != null ? session.endedAt() : session.startedAt();
            rise = new Flag(
                    session.sessionId(),
                    -1,
                    session.userId(),
                    "PAIN_RISE",
                    session.day(),
                    at,
                    session.painAfter(),
                    lowest,
                    null,
                    null);
        }
        if (rise != null) {
            flags.add(rise);
        }
        return flags;
    }
}
