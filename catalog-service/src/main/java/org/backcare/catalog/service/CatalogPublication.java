package org.backcare.catalog.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import org.backcare.catalog.event.ExerciseEvents;
import org.backcare.catalog.event.RoutineEvents;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.repository.ExerciseRepository;
import org.backcare.catalog.repository.RoutineEntity;
import org.backcare.catalog.repository.RoutineRepository;
import org.jboss.logging.Logger;

/**
 * At start-up, writes to the outbox every exercise and every routine whose current version has not been
 * published yet: on the first start that is the whole shipped catalog, so a new consumer can build its replica
 * from catalog.exercises and catalog.routines alone; later it is whatever a migration added or changed.
 * Replicas serialise on an advisory lock.
 */
@ApplicationScoped
public class CatalogPublication {

    private static final Logger LOG = Logger.getLogger(CatalogPublication.class);
    private static final long LOCK = 0x636174616c6f67L; // "catalog"

    private final ExerciseRepository exercises;
    private final ExerciseEvents events;
    private final RoutineRepository routines;
    private final RoutineEvents routineEvents;

    public CatalogPublication(
            ExerciseRepository exercises,
            ExerciseEvents events,
            RoutineRepository routines,
            RoutineEvents routineEvents) {
        this.exercises = exercises;
        this.events = events;
        this.routines = routines;
        this.routineEvents = routineEvents;
    }

    @Transactional
    void onStart(@Observes StartupEvent start) {
        exercises
                .getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, LOCK)
                .getSingleResult();
        List<ExerciseEntity> unpublished = exercises.unpublished();
        unpublished.forEach(events::upserted);
        if (!unpublished.isEmpty()) {
            LOG.infof("published %d exercise versions to the outbox", unpublished.size());
        }
        List<RoutineEntity> unpublishedRoutines = routines.unpublished();
        unpublishedRoutines.forEach(routineEvents::upserted);
        if (!unpublishedRoutines.isEmpty()) {
            LOG.infof("published %d routine versions to the outbox", unpublishedRoutines.size());
        }
    }
}
