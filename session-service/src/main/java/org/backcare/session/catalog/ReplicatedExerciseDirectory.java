package org.backcare.session.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.backcare.domain.UnavailableException;
import org.jboss.logging.Logger;

/**
 * Finds exercises in the local replica first, so recording works while the catalog-service is down; on a miss
 * it asks the catalog (bounded by fault tolerance) and keeps the answer in the replica.
 */
@ApplicationScoped
public class ReplicatedExerciseDirectory implements ExerciseDirectory {

    private static final Logger LOG = Logger.getLogger(ReplicatedExerciseDirectory.class);

    /** How long a client waits before asking again when the catalog cannot be reached. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final ExerciseReplica replica;
    private final CatalogFallback catalog;

    public ReplicatedExerciseDirectory(ExerciseReplica replica, CatalogFallback catalog) {
        this.replica = replica;
        this.catalog = catalog;
    }

    @Override
    public Optional<ExerciseSnapshot> find(UUID exerciseId) {
        Optional<ExerciseSnapshot> local = replica.find(exerciseId);
        if (local.isPresent()) {
            return local;
        }
        Optional<ExerciseSnapshot> remote;
        try {
            remote = catalog.fetch(exerciseId);
        } catch (RuntimeException e) {
            LOG.warnf("catalog fallback for exercise %s failed: %s", exerciseId, e.toString());
            throw new UnavailableException(
                    "catalog",
                    "exercise " + exerciseId
                            + " is not in the local replica and the catalog cannot be reached; try again shortly",
                    RETRY_AFTER);
        }
        remote.ifPresent(replica::upsert);
        return remote;
    }
}
