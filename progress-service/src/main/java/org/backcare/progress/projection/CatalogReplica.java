package org.backcare.progress.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.jdbc.Jdbc;

/**
 * exercise_ref, routine_ref and routine_entry_ref as the catalog's topics describe them; the highest catalog version
 * wins, and a routine's entries are replaced with the version that replaces the routine.
 */
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

    public record CatalogRoutine(
            UUID id, String slug, String name, int weeklyTarget, String status, long version, List<Entry> entries) {}

    /** One step of a routine: its exercise and the prescription values it overrides (null: the exercise's own). */
    public record Entry(
            int position, UUID exerciseId, Integer holdSeconds, Integer repsMin, Integer repsMax, Integer sets) {}

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

    /** The routine and its entries, unless the replica already holds this version or a newer one. */
    public void upsertRoutine(CatalogRoutine r) {
        int changed = jdbc.update("""
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
        if (changed == 0) {
            return;
        }
        jdbc.update("delete from routine_entry_ref where routine_id = ?", s -> s.setObject(1, r.id()));
        jdbc.with(c -> {
            try (var insert = c.prepareStatement("""
                    insert into routine_entry_ref (routine_id, position, exercise_id, hold_seconds, reps_min, reps_max,
                                                   sets)
                    values (?, ?, ?, ?, ?, ?, ?)""")) {
                for (Entry e : r.entries()) {
                    insert.setObject(1, r.id());
                    insert.setInt(2, e.position());
                    insert.setObject(3, e.exerciseId());
                    insert.setObject(4, e.holdSeconds());
                    insert.setObject(5, e.repsMin());
                    insert.setObject(6, e.repsMax());
                    insert.setObject(7, e.sets());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }
}
