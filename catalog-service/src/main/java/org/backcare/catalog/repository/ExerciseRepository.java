package org.backcare.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;

@ApplicationScoped
public class ExerciseRepository implements PanacheRepositoryBase<ExerciseEntity, UUID> {

    /** Exercises whose current version is not on catalog.exercises yet, in a stable order. */
    public List<ExerciseEntity> unpublished() {
        return list("publishedVersion is null or publishedVersion < version", Sort.by("id"));
    }

    public Optional<ExerciseEntity> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Exercises matching every given filter (null filters match all), ordered by name. */
    public PanacheQuery<ExerciseEntity> search(
            Region region, Kind kind, Measurement measurement, String text, ExerciseStatus status) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (region != null) {
            clauses.add("array_contains(regions, :region)");
            parameters.and("region", region.name());
        }
        if (kind != null) {
            clauses.add("kind = :kind");
            parameters.and("kind", kind);
        }
        if (measurement != null) {
            clauses.add("measurement = :measurement");
            parameters.and("measurement", measurement);
        }
        if (text != null && !text.isBlank()) {
            clauses.add("(lower(name) like :text or lower(summary) like :text)");
            parameters.and(
                    "text", "%" + escapeLike(text.toLowerCase(Locale.ROOT).trim()) + "%");
        }
        if (status != null) {
            clauses.add("status = :status");
            parameters.and("status", status);
        }
        String query = clauses.isEmpty() ? "from ExerciseEntity" : String.join(" and ", clauses);
        return find(query, Sort.by("name").and("id"), parameters);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
