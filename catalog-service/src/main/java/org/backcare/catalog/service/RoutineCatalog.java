package org.backcare.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Prescription;
import org.backcare.catalog.event.RoutineEvents;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.repository.ExerciseRepository;
import org.backcare.catalog.repository.RoutineEntity;
import org.backcare.catalog.repository.RoutineEntryEmbeddable;
import org.backcare.catalog.repository.RoutineRepository;
import org.backcare.domain.ConflictException;
import org.backcare.domain.InvalidInputException;
import org.backcare.domain.NoSuchResourceException;
import org.backcare.domain.RuleViolationException;
import org.backcare.domain.StaleVersionException;
import org.backcare.problem.FieldViolation;

/**
 * Reads and edits routines. Entries must reference published exercises; overrides obey the ranges. Each change
 * bumps the version and writes catalog.routine.upserted.v1 to the outbox in the same transaction; a refused
 * change writes nothing.
 */
@ApplicationScoped
public class RoutineCatalog {

    private final RoutineRepository routines;
    private final ExerciseRepository exercises;
    private final ExerciseRules rules;
    private final RoutineEvents events;
    private final Clock clock;

    public RoutineCatalog(
            RoutineRepository routines,
            ExerciseRepository exercises,
            ExerciseRules rules,
            RoutineEvents events,
            Clock clock) {
        this.routines = routines;
        this.exercises = exercises;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ExerciseCatalog.Page<ResolvedRoutine> search(ExerciseStatus status, int page, int size) {
        var query = routines.withStatus(status == null ? ExerciseStatus.PUBLISHED : status);
        long total = query.count();
        List<ResolvedRoutine> items =
                query.page(page, size).list().stream().map(this::resolve).toList();
        return new ExerciseCatalog.Page<>(items, page, size, total);
    }

    @Transactional
    public Optional<ResolvedRoutine> find(String idOrSlug) {
        Optional<RoutineEntity> routine;
        try {
            routine = routines.findByIdOptional(UUID.fromString(idOrSlug));
        } catch (IllegalArgumentException notAUuid) {
            routine = Slugs.isSlug(idOrSlug) ? routines.findBySlug(idOrSlug) : Optional.empty();
        }
        return routine.map(this::resolve);
    }

    @Transactional
    public ResolvedRoutine create(RoutineDraft draft) {
        Map<UUID, ExerciseEntity> referenced = check(draft);
        requireFreeSlug(draft.slug(), null);
        RoutineEntity routine = new RoutineEntity();
        routine.id = UUID.randomUUID();
        routine.version = 1;
        routine.status = draft.status() == null ? ExerciseStatus.PUBLISHED : draft.status();
        apply(draft, routine);
        routines.persist(routine);
        events.upserted(routine);
        return resolve(routine, referenced);
    }

    @Transactional
    public ResolvedRoutine replace(UUID id, long expectedVersion, RoutineDraft draft) {
        RoutineEntity routine = lockedAt(id, expectedVersion);
        Map<UUID, ExerciseEntity> referenced = check(draft);
        requireFreeSlug(draft.slug(), id);
        apply(draft, routine);
        if (draft.status() != null) {
            routine.status = draft.status();
        }
        routine.version++;
        events.upserted(routine);
        return resolve(routine, referenced);
    }

    /** Retires the routine (soft); retiring a retired routine changes nothing and writes no event. */
    @Transactional
    public ResolvedRoutine retire(UUID id, Long expectedVersion) {
        RoutineEntity routine = expectedVersion == null ? locked(id) : lockedAt(id, expectedVersion);
        if (routine.status != ExerciseStatus.RETIRED) {
            routine.status = ExerciseStatus.RETIRED;
            routine.version++;
            routine.updatedAt = OffsetDateTime.now(clock);
            events.upserted(routine);
        }
        return resolve(routine);
    }

    private Map<UUID, ExerciseEntity> check(RoutineDraft draft) {
        List<UUID> ids = draft.entries().stream()
                .map(RoutineDraft.Entry::exerciseId)
                .distinct()
                .toList();
        Map<UUID, ExerciseEntity> referenced =
                exercises.list("id in ?1", ids).stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        List<FieldViolation> invalid = new ArrayList<>();
        List<FieldViolation> unknown = new ArrayList<>();
        for (int i = 0; i < draft.entries().size(); i++) {
            RoutineDraft.Entry entry = draft.entries().get(i);
            ExerciseEntity exercise = referenced.get(entry.exerciseId());
            if (exercise == null || exercise.status != ExerciseStatus.PUBLISHED) {
                unknown.add(new FieldViolation(
                        "entries[" + i + "].exerciseId",
                        "no published exercise " + entry.exerciseId() + (exercise == null ? "" : " (it is retired)")));
            } else if (entry.override() != null) {
                invalid.addAll(rules.prescriptionViolations(
                        "entries[" + i + "].prescription",
                        effective(exercise.prescription(), entry.override()),
                        exercise.measurement,
                        true));
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInputException(invalid);
        }
        if (!unknown.isEmpty()) {
            throw new RuleViolationException("a routine can only hold published exercises", unknown);
        }
        return referenced;
    }

    private RoutineEntity locked(UUID id) {
        return routines.findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NoSuchResourceException("routine " + id));
    }

    private RoutineEntity lockedAt(UUID id, long expectedVersion) {
        RoutineEntity routine = locked(id);
        if (routine.version != expectedVersion) {
            throw new StaleVersionException(
                    "routine " + id + " is at version " + routine.version + ", not " + expectedVersion);
        }
        return routine;
    }

    private void requireFreeSlug(String slug, UUID self) {
        routines.findBySlug(slug).filter(other -> !other.id.equals(self)).ifPresent(other -> {
            throw new ConflictException("the slug '" + slug + "' is taken by routine " + other.id);
        });
    }

    private void apply(RoutineDraft draft, RoutineEntity routine) {
        routine.slug = draft.slug();
        routine.name = draft.name();
        routine.description = draft.description();
        routine.weeklyTarget = draft.weeklyTarget();
        routine.updatedAt = OffsetDateTime.now(clock);
        routine.entries.clear();
        for (RoutineDraft.Entry entry : draft.entries()) {
            RoutineEntryEmbeddable row = new RoutineEntryEmbeddable();
            row.exerciseId = entry.exerciseId();
            Prescription override = entry.override();
            if (override != null) {
                row.holdSeconds = override.holdSeconds();
                row.repsMin = override.repsMin();
                row.repsMax = override.repsMax();
                row.sets = override.sets();
            }
            routine.entries.add(row);
        }
    }

    private ResolvedRoutine resolve(RoutineEntity routine) {
        List<UUID> ids =
                routine.entries.stream().map(e -> e.exerciseId).distinct().toList();
        Map<UUID, ExerciseEntity> referenced =
                exercises.list("id in ?1", ids).stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        return resolve(routine, referenced);
    }

    private static ResolvedRoutine resolve(RoutineEntity routine, Map<UUID, ExerciseEntity> exercises) {
        List<ResolvedRoutine.Step> steps = new ArrayList<>();
        for (int i = 0; i < routine.entries.size(); i++) {
            RoutineEntryEmbeddable entry = routine.entries.get(i);
            ExerciseEntity exercise = exercises.get(entry.exerciseId);
            Prescription override = new Prescription(entry.holdSeconds, entry.repsMin, entry.repsMax, entry.sets);
            steps.add(new ResolvedRoutine.Step(i + 1, exercise, effective(exercise.prescription(), override)));
        }
        return new ResolvedRoutine(routine, steps);
    }

    /** The exercise's own prescription with the values the routine overrides. */
    static Prescription effective(Prescription own, Prescription override) {
        return new Prescription(
                override.holdSeconds() != null ? override.holdSeconds() : own.holdSeconds(),
                override.repsMin() != null ? override.repsMin() : own.repsMin(),
                override.repsMax() != null ? override.repsMax() : own.repsMax(),
                override.sets() != null ? override.sets() : own.sets());
    }

    /** A routine with its exercises and the prescription that applies to each step. */
    public record ResolvedRoutine(RoutineEntity routine, List<Step> steps) {

        public record Step(int position, ExerciseEntity exercise, Prescription prescription) {}
    }
}
