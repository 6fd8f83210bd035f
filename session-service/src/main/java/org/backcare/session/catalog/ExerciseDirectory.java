package org.backcare.session.catalog;

import java.util.Optional;
import java.util.UUID;

/** Finds exercises of the catalog to validate sets against and to snapshot into events. */
public interface ExerciseDirectory {

    /** The exercise, or empty when the catalog does not know it. Fails when the catalog cannot be asked. */
    Optional<ExerciseSnapshot> find(UUID exerciseId);
}
