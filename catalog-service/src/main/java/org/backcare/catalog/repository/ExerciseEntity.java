package org.backcare.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Prescription;
import org.backcare.catalog.domain.Region;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An exercise row. Never leaves the service: REST and events map it to records. */
@Entity
@Table(name = "exercise")
public class ExerciseEntity {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String summary;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> instructions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> regions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Measurement measurement;

    @Column(nullable = false)
    public boolean sided;

    @Column(name = "hold_seconds")
    public Integer holdSeconds;

    @Column(name = "reps_min")
    public Integer repsMin;

    @Column(name = "reps_max")
    public Integer repsMax;

    @Column(nullable = false)
    public int sets;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "safety_cues", nullable = false, columnDefinition = "text[]")
    public List<String> safetyCues;

    /** Why the prescription differs from the article's default for stretches, when it does. */
    @Column(name = "prescription_note")
    public String prescriptionNote;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExerciseStatus status;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The version last written to the outbox (catalog.exercises); behind {@link #version} until published. */
    @Column(name = "published_version")
    public Long publishedVersion;

    public Prescription prescription() {
        return new Prescription(holdSeconds, repsMin, repsMax, sets);
    }

    public List<Region> regionList() {
        return regions.stream().map(Region::valueOf).toList();
    }
}
