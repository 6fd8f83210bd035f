package org.backcare.session.catalog;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.backcare.session.domain.Measurement;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session-service's own copy of the catalog's exercises, newest version wins. Every recorded set looks its
 * exercise up, so lookups are kept in memory for {@code session.exercise-cache-ttl} (default 30 s): a change from
 * the catalog reaches this instance at once (the upsert forgets the entry) and the other replicas, which share the
 * consumer group and so do not see the event, within that time.
 */
@ApplicationScoped
public class ExerciseReplica {

    private record Cached(Optional<ExerciseSnapshot> exercise, long loadedAt) {}

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public ExerciseReplica(@ConfigProperty(name = "session.exercise-cache-ttl", defaultValue = "PT30S") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The exercise, from memory when it was read less than the TTL ago. */
    public Optional<ExerciseSnapshot> find(UUID id) {
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return cached.exercise();
        }
        Optional<ExerciseSnapshot> exercise = load(id);
        if (exercise.isPresent()) {
            cache.put(id, new Cached(exercise, now));
        }
        return exercise;
    }

    /** Stores the exercise unless a version at least as new is already there. */
    @Transactional
    public void upsert(ExerciseSnapshot e) {
        cache.remove(e.id());
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into exercise_replica (id, slug, name, regions, measurement, sided, status, version)
                        values (?1, ?2, ?3, cast(?4 as text[]), ?5, ?6, ?7, ?8)
                        on conflict (id) do update set slug = excluded.slug, name = excluded.name,
                            regions = excluded.regions, measurement = excluded.measurement, sided = excluded.sided,
                            status = excluded.status, version = excluded.version, updated_at = now()
                        where exercise_replica.version < excluded.version
                        """)
                .setParameter(1, e.id())
                .setParameter(2, e.slug())
                .setParameter(3, e.name())
                .setParameter(4, "{" + String.join(",", e.regions()) + "}")
                .setParameter(5, e.measurement().name())
                .setParameter(6, e.sided())
                .setParameter(7, e.status())
                .setParameter(8, e.version())
                .executeUpdate();
    }

    @Transactional
    Optional<ExerciseSnapshot> load(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(
                        "select id, slug, name, array_to_string(regions, ','), measurement, sided, status, version"
                                + " from exercise_replica where id = ?1",
                        Object[].class)
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new ExerciseSnapshot(
                        (UUID) r[0],
                        (String) r[1],
                        (String) r[2],
                        List.of(((String) r[3]).split(",")),
                        Measurement.valueOf((String) r[4]),
                        (Boolean) r[5],
                        (String) r[6],
                        ((Number) r[7]).longValue()));
    }
}
