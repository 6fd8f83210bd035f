package org.backcare.progress.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.backcare.progress.projection.CatalogReplica;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps what the progress-service needs from the catalog: exercises' names, kinds and prescriptions (for hints
 * and met targets) from catalog.exercises, routines' weekly targets and entries (for adherence against what each
 * routine prescribes per exercise) from catalog.routines. Both
 * topics are compacted and keyed by id; the highest version wins, so redelivery and replay change nothing. An
 * event that cannot be read is logged and skipped: the catalog's next version replaces it.
 */
@ApplicationScoped
public class CatalogConsumer {

    public static final String EXERCISES = "catalog-exercises";
    public static final String ROUTINES = "catalog-routines";
    static final String EXERCISE_UPSERTED = "catalog.exercise.upserted.v1";
    static final String ROUTINE_UPSERTED = "catalog.routine.upserted.v1";
    private static final Logger LOG = Logger.getLogger(CatalogConsumer.class);

    private final ObjectMapper json;
    private final CatalogReplica replica;

    public CatalogConsumer(ObjectMapper json, CatalogReplica replica) {
        this.json = json;
        this.replica = replica;
    }

    @Incoming(EXERCISES)
    @Blocking(ordered = true)
    @Transactional
    public void exercise(String payload) {
        JsonNode e = data(payload, EXERCISE_UPSERTED).path("exercise");
        if (e.isMissingNode()) {
            return;
        }
        JsonNode p = e.path("prescription");
        replica.upsertExercise(new CatalogReplica.CatalogExercise(
                UUID.fromString(e.path("id").asText()),
                e.path("slug").asText(),
                e.path("name").asText(),
                texts(e.path("regions")),
                e.path("measurement").asText(),
                e.path("sided").asBoolean(),
                e.path("kind").asText(),
                integer(p.path("holdSeconds")),
                integer(p.path("repsMin")),
                integer(p.path("repsMax")),
                integer(p.path("sets")),
                e.path("version").asLong()));
    }

    @Incoming(ROUTINES)
    @Blocking(ordered = true)
    @Transactional
    public void routine(String payload) {
        JsonNode r = data(payload, ROUTINE_UPSERTED).path("routine");
        if (r.isMissingNode()) {
            return;
        }
        replica.upsertRoutine(new CatalogReplica.CatalogRoutine(
                UUID.fromString(r.path("id").asText()),
                r.path("slug").asText(),
                r.path("name").asText(),
                r.path("weeklyTarget").asInt(),
                r.path("status").asText(),
                r.path("version").asLong(),
                entries(r.path("entries"))));
    }

    private static List<CatalogReplica.Entry> entries(JsonNode array) {
        List<CatalogReplica.Entry> entries = new ArrayList<>();
        for (JsonNode e : array) {
            JsonNode p = e.path("prescription");
            entries.add(new CatalogReplica.Entry(
                    e.path("position").asInt(),
                    UUID.fromString(e.path("exerciseId").asText()),
                    integer(p.path("holdSeconds")),
                    integer(p.path("repsMin")),
                    integer(p.path("repsMax")),
                    integer(p.path("sets"))));
        }
        return entries;
    }

    private JsonNode data(String payload, String type) {
        try {
            JsonNode envelope = json.readTree(payload == null ? "" : payload);
            if (envelope == null || !type.equals(envelope.path("type").asText())) {
                LOG.warnf("skipped a catalog event that is not %s", type);
                return MissingNode.getInstance();
            }
            return envelope.path("data");
        } catch (JsonProcessingException e) {
            LOG.warnf("skipped a catalog event that is not JSON: %s", e.getOriginalMessage());
            return MissingNode.getInstance();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Integer integer(JsonNode value) {
        return value.isIntegralNumber() ? value.asInt() : null;
    }
}
