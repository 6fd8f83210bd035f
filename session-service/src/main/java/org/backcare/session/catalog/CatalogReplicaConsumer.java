package org.backcare.session.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.session.domain.Measurement;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the replica up to date from catalog.exercises (catalog.exercise.upserted.v1). Replaying the compacted
 * topic from the start rebuilds it; older versions never overwrite newer ones. Unreadable records are logged
 * and skipped: the catalog is ours, and the REST fallback still answers for what the replica lacks.
 */
@ApplicationScoped
public class CatalogReplicaConsumer {

    public static final String CHANNEL = "catalog-exercises";
    static final String TYPE = "catalog.exercise.upserted.v1";
    private static final Logger LOG = Logger.getLogger(CatalogReplicaConsumer.class);

    private final ObjectMapper json;
    private final ExerciseReplica replica;

    public CatalogReplicaConsumer(ObjectMapper json, ExerciseReplica replica) {
        this.json = json;
        this.replica = replica;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(String payload) {
        try {
            JsonNode envelope = json.readTree(payload);
            if (!TYPE.equals(envelope.path("type").asText())) {
                LOG.warnf(
                        "skipping a catalog record of type '%s'",
                        envelope.path("type").asText());
                return;
            }
            JsonNode e = envelope.path("data").path("exercise");
            List<String> regions = new ArrayList<>();
            e.path("regions").forEach(region -> regions.add(region.asText()));
            replica.upsert(new ExerciseSnapshot(
                    UUID.fromString(e.path("id").asText()),
                    e.path("slug").asText(),
                    e.path("name").asText(),
                    regions,
                    Measurement.valueOf(e.path("measurement").asText()),
                    e.path("sided").asBoolean(),
                    e.path("status").asText(),
                    e.path("version").asLong()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warnf("skipping an unreadable catalog record: %s", e.getMessage());
        }
    }
}
