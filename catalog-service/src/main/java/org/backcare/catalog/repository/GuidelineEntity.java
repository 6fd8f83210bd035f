package org.backcare.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.backcare.catalog.domain.GuidelineCategory;

/** One of the article's general stretching tips. */
@Entity
@Table(name = "guideline")
public class GuidelineEntity extends PanacheEntityBase {

    @Id
    public int position;

    @Column(nullable = false, unique = true)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GuidelineCategory category;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String text;
}
