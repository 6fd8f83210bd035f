package org.backcare.session.catalog;

import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.Measurement;

/** What the session-service needs to know about an exercise, and what set events carry to consumers. */
public record ExerciseSnapshot(
        UUID id,
        String slug,
        String name,
        List<String> regions,
        Measurement measurement,
        boolean sided,
        String status) {

    public boolean isPublished() {
        return "PUBLISHED".equals(status);
    }
}
