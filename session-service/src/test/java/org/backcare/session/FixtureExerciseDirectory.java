package org.backcare.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.Measurement;

/**
 * The three exercises of the shipped catalog that the @QuarkusTests' catalog ({@link CatalogServer}) serves, as the
 * catalog-service serves them. The session-service reaches them through its real REST client, fault tolerance,
 * replica and directory.
 */
public final class FixtureExerciseDirectory {

    public static final UUID CHIN_TO_CHEST = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000001");
    public static final UUID EAR_TO_SHOULDER = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000002");
    public static final UUID SHOULDER_ROLLS = UUID.fromString("6f1d2c3b-0a01-4e5f-8a10-000000000003");

    static final Map<UUID, ExerciseSnapshot> EXERCISES = Map.of(
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

    private FixtureExerciseDirectory() {}
}
