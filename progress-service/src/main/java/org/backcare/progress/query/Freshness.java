package org.backcare.progress.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
        return jdbc.queryFirst("select max(processed_at) from processed_event", s -> {}, rs -> {
                    var t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                })
                .filter(t -> t != null);
    }
}
