package org.backcare.progress.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/** The projections' SQL: claim an event once, bump totals, read them. */
@ApplicationScoped
public class ProgressStore {

    /** Records the event as processed; false when it was processed before (a redelivery or a replay). */
    public boolean claim(UUID eventId, String type) {
        return em().createNativeQuery(
                                "insert into processed_event (event_id, type) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, eventId)
                        .setParameter(2, type)
                        .executeUpdate()
                == 1;
    }

    public void addToTotals(String userId, long sessions, long sets, long holdSeconds, long reps) {
        em().createNativeQuery("""
                        insert into user_totals (user_id, sessions, sets, hold_seconds, reps) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (user_id) do update set
                            sessions = user_totals.sessions + excluded.sessions,
                            sets = user_totals.sets + excluded.sets,
                            hold_seconds = user_totals.hold_seconds + excluded.hold_seconds,
                            reps = user_totals.reps + excluded.reps,
                            updated_at = now()
                        """)
                .setParameter(1, userId)
                .setParameter(2, sessions)
                .setParameter(3, sets)
                .setParameter(4, holdSeconds)
                .setParameter(5, reps)
                .executeUpdate();
    }

    public Optional<Totals> totals(String userId) {
        var rows = em().createNativeQuery(
                        "select sessions, sets, hold_seconds, reps from user_totals where user_id = ?1", Object[].class)
                .setParameter(1, userId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Totals(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue()));
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /** A user's running totals. */
    public record Totals(long sessions, long sets, long holdSeconds, long reps) {
        public static final Totals NONE = new Totals(0, 0, 0, 0);
    }
}
