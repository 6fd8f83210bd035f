package org.backcare.catalog.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.outbox.CloudEvent;
import org.backcare.outbox.Outbox;

/** Writes catalog.exercise.upserted.v1 to the outbox in the transaction that changed the exercise. */
@ApplicationScoped
public class ExerciseEvents {

    public static final String TOPIC = "catalog.exercises";
    public static final String SOURCE = "/catalog-service";
    private static final String SCHEMA = "https://backcare.org/schemas/" + ExerciseUpserted.TYPE + ".json";

    private final Outbox outbox;
    private final Clock clock;

    public ExerciseEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Appends the exercise's current version and marks it published. */
    public void upserted(ExerciseEntity e) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID eventId = UUID.randomUUID();
        var event = new ExerciseUpserted(eventId, now, e.id, e.version, snapshot(e));
        outbox.append(
                TOPIC,
                e.id.toString(),
                CloudEvent.of(eventId, SOURCE, ExerciseUpserted.TYPE, e.id.toString(), now, SCHEMA, event));
        e.publishedVersion = e.version;
    }

    static ExerciseUpserted.Exercise snapshot(ExerciseEntity e) {
        return new ExerciseUpserted.Exercise(
                e.id,
                e.slug,
                e.name,
                e.summary,
                List.copyOf(e.instructions),
                e.kind.name(),
                List.copyOf(e.regions),
                e.measurement.name(),
                e.sided,
                new ExerciseUpserted.Prescription(e.holdSeconds, e.repsMin, e.repsMax, e.sets),
                e.prescriptionNote,
                List.copyOf(e.safetyCues),
                e.status.name(),
                e.version);
    }
}
