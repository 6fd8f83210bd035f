package org.backcare.session.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.SessionStatus;

/** A workout session row; its sets are ordered by when they were recorded. */
@Entity
@Table(name = "workout_session")
public class SessionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "routine_id")
    public UUID routineId;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "pain_before")
    public Integer painBefore;

    @Column(name = "pain_after")
    public Integer painAfter;

    public String notes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** When the session was completed here: the time of its workout.session.completed.v1 event. */
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("recordedAt, id")
    public List<SetEntity> sets = new ArrayList<>();
}
