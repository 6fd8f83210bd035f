package org.backcare.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.RebuildBacklog;
import org.backcare.progress.projection.SessionEvent;
import org.junit.jupiter.api.Test;

/** The rebuild's backlog keeps every kind of event as it was read, to the offset and the zone. */
class RebuildBacklogTest {

    private final SessionEventParser parser = new SessionEventParser(new ObjectMapper());

    @Test
    void everyKindOfEventComesBackFromTheBacklogAsItWasRead() {
        String user = id();
        String session = id();
        String set = id();
        List<String> events = List.of(
                started(user, session, "2026-03-29T01:30:00+01:00", "Europe/Berlin", 3),
                hold(user, session, set, CHIN_TO_CHEST, null, 30, 2, "2026-03-29T03:31:00+02:00", "Europe/Berlin"),
                reps(user, session, id(), 12, 1, "2026-03-29T03:32:00+02:00", "Europe/Berlin"),
                corrected(user, session, set, CHIN_TO_CHEST, null, 35, null, 1, "2026-03-29T03:31:00+02:00", "UTC"),
                deleted(user, session, set, CHIN_TO_CHEST, null, 35, null, "2026-03-29T03:31:00+02:00", "UTC"),
                completed(user, session, "2026-03-29T01:30:00+01:00", "2026-03-29T03:40:00+02:00", "UTC", 3, null),
                sessionDeleted(user, session, List.of(set)),
                erased(user));

        for (String event : events) {
            SessionEvent read = parser.parse(event);
            String kept = RebuildBacklog.encode(read);

            assertThat(RebuildBacklog.decode(kept)).as(kept).isEqualTo(read);
        }
    }
}
