package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.Measurement;
import org.backcare.session.domain.Side;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One set: a timed hold or a number of reps of one exercise, on one side when the exercise is sided. */
@Entity
@Table(name = "workout_set")
public class SetEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    public SessionEntity session;

    @Column(name = "exercise_id", nullable = false)
    public UUID exerciseId;

    @Enumerated(EnumType.STRING)
    public Side side;

    @Column(name = "hold_seconds")
    public Integer holdSeconds;

    public Integer reps;

    @Column(name = "target_hold_seconds")
    public Integer targetHoldSeconds;

    @Column(name = "target_reps")
    public Integer targetReps;

    public Integer pain;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "exercise_slug")
    public String exerciseSlug;

    @Column(name = "exercise_name")
    public String exerciseName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exercise_regions", columnDefinition = "text[]")
    public List<String> exerciseRegions;

    @Enumerated(EnumType.STRING)
    @Column(name = "exercise_measurement")
    public Measurement exerciseMeasurement;

    @Column(name = "exercise_sided")
    public Boolean exerciseSided;

    /** How many times the set was corrected; the n-th correction's event id derives from it (EventIds). */
    @Column(nullable = false)
    public int revision;

    /** When the set was recorded here: the time of its workout.set.recorded.v1 event. */
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public void snapshot(ExerciseSnapshot exercise) {
        exerciseId = exercise.id();
        exerciseSlug = exercise.slug();
        exerciseName = exercise.name();
        exerciseRegions = List.copyOf(exercise.regions());
        exerciseMeasurement = exercise.measurement();
        exerciseSided = exercise.sided();
    }
}
