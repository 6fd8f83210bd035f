package org.backcare.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.backcare.progress.jdbc.Jdbc;

/**
 * How fresh the projections are: the time the last event was applied (live or by a rebuild). Reads keep answering
 * while Kafka is down; this is what tells a reader how far behind they may be.
 */
@ApplicationScoped
public class Freshness {

    private final Jdbc jdbc;

    public Freshness(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The time the last event was applied; empty before the first (through the index on processed_at). */
    public Optional<Instant> lastEventAt() {
        // max() of an empty table is one row with null
        return jdbc.query("select max(processed_at) from processed_event", s -> {}, rs -> rs.getTimestamp(1)).stream()
                .filter(Objects::nonNull)
                .map(Timestamp::toInstant)
                .findFirst();
    }
}
