package org.backcare.session.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.Measurement;

/**
 * What the session-service needs to know about an exercise (and what set events carry to consumers), at a
 * catalog version. Read from the catalog's answer, which says more about the exercise than this: the rest is
 * ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExerciseSnapshot(
        UUID id,
        String slug,
        String name,
        List<String> regions,
        Measurement measurement,
        boolean sided,
        String status,
        long version) {

    public boolean isPublished() {
        return "PUBLISHED".equals(status);
    }
}
