package org.backcare.catalog.repository;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.hibernate.annotations.ListIndexBase;

/** A routine row with its ordered entries (positions from 1). */
@Entity
@Table(name = "routine")
public class RoutineEntity {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    /** Sessions of this routine per week the user aims for. */
    @Column(name = "weekly_target", nullable = false)
    public int weeklyTarget;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExerciseStatus status;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The version last written to the outbox (catalog.routines); behind {@link #version} until published. */
    @Column(name = "published_version")
    public Long publishedVersion;

    @ElementCollection
    @CollectionTable(name = "routine_entry", joinColumns = @JoinColumn(name = "routine_id"))
    @OrderColumn(name = "position")
    @ListIndexBase(1)
    public List<RoutineEntryEmbeddable> entries = new ArrayList<>();
}
