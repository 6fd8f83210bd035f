package org.backcare.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.event.ExerciseEvents;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.repository.ExerciseRepository;
import org.backcare.domain.ConflictException;
import org.backcare.domain.NoSuchResourceException;
import org.backcare.domain.StaleVersionException;

/**
 * Creates, replaces and retires exercises (admin work). Each change bumps the version and writes
 * catalog.exercise.upserted.v1 to the outbox in the same transaction; a refused change writes nothing.
 */
@ApplicationScoped
public class ExerciseEditor {

    private final ExerciseRepository exercises;
    private final ExerciseRules rules;
    private final ExerciseEvents events;
    private final Clock clock;

    public ExerciseEditor(ExerciseRepository exercises, ExerciseRules rules, ExerciseEvents events, Clock clock) {
        this.exercises = exercises;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ExerciseEntity create(ExerciseDraft draft) {
        rules.check(draft);
        requireFreeSlug(draft.slug(), null);
        ExerciseEntity exercise = new ExerciseEntity();
        exercise.id = UUID.randomUUID();
        exercise.version = 1;
        apply(draft, exercise);
        exercise.status = draft.status() == null ? ExerciseStatus.PUBLISHED : draft.status();
        exercises.persist(exercise);
        events.upserted(exercise);
        return exercise;
    }

    /** Replaces the exercise if {@code expectedVersion} is still its version (412 otherwise). */
    @Transactional
    public ExerciseEntity replace(UUID id, long expectedVersion, ExerciseDraft draft) {
        ExerciseEntity exercise = lockedAt(id, expectedVersion);
        rules.check(draft);
        requireFreeSlug(draft.slug(), id);
        apply(draft, exercise);
        if (draft.status() != null) {
            exercise.status = draft.status();
        }
        exercise.version++;
        events.upserted(exercise);
        return exercise;
    }

    /** Retires the exercise: it stays readable (history points at it) but leaves listings and routines. */
    @Transactional
    public ExerciseEntity retire(UUID id, Long expectedVersion) {
        ExerciseEntity exercise = expectedVersion == null ? locked(id) : lockedAt(id, expectedVersion);
        if (exercise.status != ExerciseStatus.RETIRED) {
            exercise.status = ExerciseStatus.RETIRED;
            exercise.version++;
            exercise.updatedAt = OffsetDateTime.now(clock);
            events.upserted(exercise);
        }
        return exercise;
    }

    private ExerciseEntity locked(UUID id) {
        return exercises
                .findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NoSuchResourceException("exercise " + id));
    }

    private ExerciseEntity lockedAt(UUID id, long expectedVersion) {
        ExerciseEntity exercise = locked(id);
        if (exercise.version != expectedVersion) {
            throw new StaleVersionException("exercise " + id + " is at version " + exercise.version + ", not "
                    + expectedVersion + "; read it again and reapply your change");
        }
        return exercise;
    }

    private void requireFreeSlug(String slug, UUID self) {
        exercises.findBySlug(slug).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw new ConflictException("the slug '" + slug + "' is taken by exercise " + other.id);
        });
    }

    private void apply(ExerciseDraft draft, ExerciseEntity exercise) {
        exercise.slug = draft.slug();
        exercise.name = draft.name();
        exercise.summary = draft.summary();
        exercise.instructions = List.copyOf(draft.instructions());
        exercise.kind = draft.kind();
        exercise.regions = draft.regions().stream().map(Enum::name).toList();
        exercise.measurement = draft.measurement();
        exercise.sided = draft.sided();
        exercise.holdSeconds = draft.prescription().holdSeconds();
        exercise.repsMin = draft.prescription().repsMin();
        exercise.repsMax = draft.prescription().repsMax();
        exercise.sets = draft.prescription().sets();
        exercise.safetyCues = List.copyOf(draft.safetyCues());
        exercise.prescriptionNote = draft.prescriptionNote();
        exercise.updatedAt = OffsetDateTime.now(clock);
    }
}
