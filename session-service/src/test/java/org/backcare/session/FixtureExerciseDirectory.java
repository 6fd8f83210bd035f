package org.backcare.session;

import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.backcare.session.catalog.CatalogFallback;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.Measurement;

/**
 * Stands in for the catalog-service's REST API in @QuarkusTests: three exercises of the shipped catalog as the
 * catalog serves them. The replica and the directory in front of it are the real ones.
 */
@Mock
@ApplicationScoped
public class FixtureExerciseDirectory extends CatalogFallback {

    public static final UUID CHIN_TO_CHEST = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000001");
    public static final UUID EAR_TO_SHOULDER = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000002");
    public static final UUID SHOULDER_ROLLS = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000003");

    private static final Map<UUID, ExerciseSnapshot> EXERCISES = Map.of(
            CHIN_TO_CHEST,
            new ExerciseSnapshot(
                    CHIN_TO_CHEST,
                    "chin-to-chest",
                    "Chin to chest",
                    List.of("NECK"),
                    Measurement.HOLD,
                    false,
                    "PUBLISHED",
                    1),
            EAR_TO_SHOULDER,
            new ExerciseSnapshot(
                    EAR_TO_SHOULDER,
                    "ear-to-shoulder",
                    "Ear to shoulder",
                    List.of("NECK", "SHOULDERS"),
                    Measurement.HOLD,
                    true,
                    "PUBLISHED",
                    1),
            SHOULDER_ROLLS,
            new ExerciseSnapshot(
                    SHOULDER_ROLLS,
                    "shoulder-rolls",
                    "Shoulder rolls",
                    List.of("SHOULDERS", "UPPER_BACK"),
                    Measurement.REPS,
                    false,
                    "PUBLISHED",
                    1));

    /** When set, the catalog behaves as if it were down. */
    static volatile boolean down;

    public FixtureExerciseDirectory() {
        super(null);
    }

    @Override
    public Optional<ExerciseSnapshot> fetch(UUID exerciseId) {
        if (down) {
            throw new CatalogUnavailableException("connection refused");
        }
        return Optional.ofNullable(EXERCISES.get(exerciseId));
    }
}
