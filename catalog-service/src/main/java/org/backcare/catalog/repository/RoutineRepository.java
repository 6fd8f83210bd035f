package org.backcare.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;

@ApplicationScoped
public class RoutineRepository implements PanacheRepositoryBase<RoutineEntity, UUID> {

    /** Routines whose current version is not on catalog.routines yet, in a stable order. */
    public List<RoutineEntity> unpublished() {
        return list("publishedVersion is null or publishedVersion < version", Sort.by("id"));
    }

    public Optional<RoutineEntity> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public PanacheQuery<RoutineEntity> withStatus(ExerciseStatus status) {
        return find("status", Sort.by("name").and("id"), status);
    }
}
