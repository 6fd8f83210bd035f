package org.backcare.catalog.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.catalog.repository.RoutineEntity;
import org.backcare.catalog.repository.RoutineEntryEmbeddable;
import org.backcare.outbox.CloudEvent;
import org.backcare.outbox.Outbox;

/** Writes catalog.routine.upserted.v1 to the outbox in the transaction that changed the routine. */
@ApplicationScoped
public class RoutineEvents {

    public static final String TOPIC = "catalog.routines";
    private static final String SCHEMA = "https://backcare.org/schemas/" + RoutineUpserted.TYPE + ".json";

    private final Outbox outbox;
    private final Clock clock;

    public RoutineEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Appends the routine's current version and marks it published. */
    public void upserted(RoutineEntity r) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID eventId = UUID.randomUUID();
        var event = new RoutineUpserted(eventId, now, r.id, r.version, snapshot(r));
        outbox.append(
                TOPIC,
                r.id.toString(),
                CloudEvent.of(
                        eventId, ExerciseEvents.SOURCE, RoutineUpserted.TYPE, r.id.toString(), now, SCHEMA, event));
        r.publishedVersion = r.version;
    }

    static RoutineUpserted.Routine snapshot(RoutineEntity r) {
        List<RoutineUpserted.Entry> entries = new ArrayList<>(r.entries.size());
        for (int i = 0; i < r.entries.size(); i++) {
            RoutineEntryEmbeddable e = r.entries.get(i);
            entries.add(new RoutineUpserted.Entry(
                    i + 1,
                    e.exerciseId,
                    new RoutineUpserted.Prescription(e.holdSeconds, e.repsMin, e.repsMax, e.sets)));
        }
        return new RoutineUpserted.Routine(
                r.id, r.slug, r.name, r.description, r.weeklyTarget, r.status.name(), r.version, List.copyOf(entries));
    }
}
