package org.backcare.session.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.backcare.domain.RuleViolationException;
import org.backcare.session.catalog.ExerciseDirectory;
import org.backcare.session.catalog.ExerciseSnapshot;

/** A published exercise for a set, or 422 naming the field that referenced it. */
@ApplicationScoped
public class ExerciseLookup {

    private final ExerciseDirectory directory;

    public ExerciseLookup(ExerciseDirectory directory) {
        this.directory = directory;
    }

    public ExerciseSnapshot published(UUID exerciseId, String field) {
        return directory
                .find(exerciseId)
                .filter(ExerciseSnapshot::isPublished)
                .orElseThrow(() ->
                        RuleViolationException.field(field, "no published exercise " + exerciseId + " in the catalog"));
    }
}
