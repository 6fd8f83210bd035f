package org.backcare.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.repository.ExerciseRepository;

/** Reads the catalog: search with filters and paging, and lookup by id or slug. */
@ApplicationScoped
public class ExerciseCatalog {

    private final ExerciseRepository exercises;

    public ExerciseCatalog(ExerciseRepository exercises) {
        this.exercises = exercises;
    }

    public Page<ExerciseEntity> search(ExerciseSearch search) {
        var query = exercises.search(
                search.region(), search.kind(), search.measurement(), search.text(), search.effectiveStatus());
        long total = query.count();
        List<ExerciseEntity> items = query.page(search.page(), search.size()).list();
        return new Page<>(items, search.page(), search.size(), total);
    }

    /** By UUID when the key parses as one, otherwise by slug. */
    public Optional<ExerciseEntity> find(String idOrSlug) {
        try {
            return exercises.findByIdOptional(UUID.fromString(idOrSlug));
        } catch (IllegalArgumentException notAUuid) {
            return Slugs.isSlug(idOrSlug) ? exercises.findBySlug(idOrSlug) : Optional.empty();
        }
    }

    /** Filters of a search; the status defaults to PUBLISHED so retired exercises are hidden unless asked for. */
    public record ExerciseSearch(
            Region region, Kind kind, Measurement measurement, String text, ExerciseStatus status, int page, int size) {

        ExerciseStatus effectiveStatus() {
            return status == null ? ExerciseStatus.PUBLISHED : status;
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {}
}
