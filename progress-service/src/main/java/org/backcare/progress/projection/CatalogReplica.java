package org.backcare.progress.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.jdbc.Jdbc;

/** exercise_ref and routine_ref as the catalog's topics describe them; the highest catalog version wins. */
@ApplicationScoped
public class CatalogReplica {

    private final Jdbc jdbc;

    public CatalogReplica(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

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
        jdbc.update("""
                        insert into exercise_ref (exercise_id, slug, name, regions, measurement, sided, kind,
                                                  hold_seconds, reps_min, reps_max, sets, catalog_version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (exercise_id) do update set
                            slug = excluded.slug, name = excluded.name, regions = excluded.regions,
                            measurement = excluded.measurement, sided = excluded.sided, kind = excluded.kind,
                            hold_seconds = excluded.hold_seconds, reps_min = excluded.reps_min,
                            reps_max = excluded.reps_max, sets = excluded.sets,
                            catalog_version = excluded.catalog_version
                        where exercise_ref.catalog_version is null
                           or exercise_ref.catalog_version < excluded.catalog_version""", s -> {
            s.setObject(1, e.id());
            s.setObject(2, e.slug());
            s.setObject(3, e.name());
            s.setArray(4, s.getConnection().createArrayOf("text", e.regions().toArray()));
            s.setObject(5, e.measurement());
            s.setObject(6, e.sided());
            s.setObject(7, e.kind());
            s.setObject(8, e.holdSeconds());
            s.setObject(9, e.repsMin());
            s.setObject(10, e.repsMax());
            s.setObject(11, e.sets());
            s.setObject(12, e.version());
        });
    }

    public void upsertRoutine(CatalogRoutine r) {
        jdbc.update("""
                        insert into routine_ref (routine_id, slug, name, weekly_target, status, catalog_version)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (routine_id) do update set
                            slug = excluded.slug, name = excluded.name, weekly_target = excluded.weekly_target,
                            status = excluded.status, catalog_version = excluded.catalog_version
                        where routine_ref.catalog_version < excluded.catalog_version""", s -> {
            s.setObject(1, r.id());
            s.setObject(2, r.slug());
            s.setObject(3, r.name());
            s.setObject(4, r.weeklyTarget());
            s.setObject(5, r.status());
            s.setObject(6, r.version());
        });
    }
}
