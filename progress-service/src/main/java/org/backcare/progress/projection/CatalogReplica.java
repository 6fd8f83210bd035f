package org.backcare.progress.projection;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** exercise_ref and routine_ref as the catalog's topics describe them; the highest catalog version wins. */
@ApplicationScoped
public class CatalogReplica {

    public record CatalogExercise(
            UUID id,
            String slug,
            String name,
            List<String> regions,
            String measurement,
            boolean sided,
            String kind,
            Integer holdSeconds,
            Integer repsMin,
            Integer repsMax,
            Integer sets,
            long version) {}

    public record CatalogRoutine(UUID id, String slug, String name, int weeklyTarget, String status, long version) {}

    public void upsertExercise(CatalogExercise e) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into exercise_ref (exercise_id, slug, name, regions, measurement, sided, kind,
                                                  hold_seconds, reps_min, reps_max, sets, catalog_version)
                        values (?1, ?2, ?3, cast(?4 as text[]), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        on conflict (exercise_id) do update set
                            slug = excluded.slug, name = excluded.name, regions = excluded.regions,
                            measurement = excluded.measurement, sided = excluded.sided, kind = excluded.kind,
                            hold_seconds = excluded.hold_seconds, reps_min = excluded.reps_min,
                            reps_max = excluded.reps_max, sets = excluded.sets,
                            catalog_version = excluded.catalog_version
                        where exercise_ref.catalog_version is null
                           or exercise_ref.catalog_version < excluded.catalog_version""")
                .setParameter(1, e.id())
                .setParameter(2, e.slug())
                .setParameter(3, e.name())
                .setParameter(4, "{" + String.join(",", e.regions()) + "}")
                .setParameter(5, e.measurement())
                .setParameter(6, e.sided())
                .setParameter(7, e.kind())
                .setParameter(8, e.holdSeconds())
                .setParameter(9, e.repsMin())
                .setParameter(10, e.repsMax())
                .setParameter(11, e.sets())
                .setParameter(12, e.version())
                .executeUpdate();
    }

    public void upsertRoutine(CatalogRoutine r) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into routine_ref (routine_id, slug, name, weekly_target, status, catalog_version)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (routine_id) do update set
                            slug = excluded.slug, name = excluded.name, weekly_target = excluded.weekly_target,
                            status = excluded.status, catalog_version = excluded.catalog_version
                        where routine_ref.catalog_version < excluded.catalog_version""")
                .setParameter(1, r.id())
                .setParameter(2, r.slug())
                .setParameter(3, r.name())
                .setParameter(4, r.weeklyTarget())
                .setParameter(5, r.status())
                .setParameter(6, r.version())
                .executeUpdate();
    }
}
