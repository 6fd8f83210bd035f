package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.backcare.catalog.event.ExerciseUpserted;
import org.backcare.catalog.event.RoutineUpserted;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

/**
 * The published contract of catalog.exercises (the catalog-contracts artifact, ./contracts): the sample and the
 * events this service really writes match the schema, and the artifact holds a schema and a sample for exactly
 * the types this service writes.
 */
@QuarkusTest
@CatalogTestResources
class ExerciseEventContractTest {

    static final String TYPE = ExerciseUpserted.TYPE;
    static final String EAR_TO_SHOULDER = "6f1d2c3b-0a01-4e5f-8a10-000000000002";

    @Inject
    ObjectMapper json;

    @Test
    void theSampleMatchesTheSchema() throws IOException {
        JsonNode sample = sample();
        assertThat(schema().validate(sample)).isEmpty();
        assertThat(sample.get("type").asText()).isEqualTo(TYPE);
        assertThat(sample.at("/data/exercise/measurement").asText()).isEqualTo("HOLD");
        assertThat(sample.at("/data/exercise/sided").asBoolean()).isTrue();
    }

    @Test
    void theSampleIsWhatTheServiceWroteForTheShippedEarToShoulderApartFromIdsAndTimes() throws IOException {
        List<OutboxMessage> written = ExerciseAdminTest.outboxFor(EAR_TO_SHOULDER);
        assertThat(written).isNotEmpty();
        JsonNode first = json.readTree(written.get(0).payload);
        assertThat(schema().validate(first)).isEmpty();
        assertThat(withoutIdsAndTimes(first)).isEqualTo(withoutIdsAndTimes(sample()));
    }

    @Test
    void everyShippedExerciseWasWrittenAsAnEventThatMatchesTheSchema() throws IOException {
        List<OutboxMessage> written = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.list("topic = ?1 order by seq", "catalog.exercises"));
        List<String> shipped = written.stream()
                .map(m -> m.key)
                .filter(k -> k.startsWith("6f1d2c3b-0a01-4e5f-8a10-"))
                .distinct()
                .toList();
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(16);
        for (OutboxMessage row : written) {
            assertThat(row.type).isEqualTo(TYPE);
            assertThat(schema().validate(json.readTree(row.payload)))
                    .as(row.payload)
                    .isEmpty();
        }
    }

    @Test
    void theSchemaRefusesAnEventThatBreaksIt() throws IOException {
        JsonNode sample = sample();
        ObjectNode exercise = (ObjectNode) sample.at("/data/exercise");
        ((ObjectNode) exercise.get("prescription")).putNull("holdSeconds");
        exercise.putArray("regions").add("KNEES");
        exercise.remove("sided");
        assertThat(schema().validate(sample)).hasSize(3);
    }

    @Test
    void theEventsWrittenForARealCreateChangeAndRetirementMatchTheSchema() throws IOException {
        String id = ExerciseAdminTest.create("contract-twist");
        Map<String, Object> reps = ExerciseAdminTest.exercise("contract-twist");
        reps.put("measurement", "REPS");
        reps.put("sided", false);
        reps.put("prescription", Map.of("repsMin", 8, "repsMax", 12, "sets", 2));
        reps.put("prescriptionNote", "Slowly, both directions.");
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(reps)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(200);
        reps.put("status", "RETIRED");
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"2\"")
                .body(reps)
                .put("/exercises/{id}", id)
                .then()
                .statusCode(200);

        List<OutboxMessage> written = ExerciseAdminTest.outboxFor(id);
        assertThat(written).hasSize(3);
        for (OutboxMessage row : written) {
            assertThat(schema().validate(json.readTree(row.payload)))
                    .as(row.payload)
                    .isEmpty();
        }
        JsonNode retired = json.readTree(written.get(2).payload);
        assertThat(retired.at("/data/version").asInt()).isEqualTo(3);
        assertThat(retired.at("/data/exercise/status").asText()).isEqualTo("RETIRED");
        assertThat(retired.at("/data/exercise/prescription/holdSeconds").isNull())
                .isTrue();
        assertThat(retired.at("/dataschema").asText()).isEqualTo("https://backcare.org/schemas/" + TYPE + ".json");
    }

    @Test
    void theContractsHoldASchemaAndASampleForExactlyTheTypesThisServiceWrites() {
        List<String> writes = List.of(ExerciseUpserted.TYPE, RoutineUpserted.TYPE);
        assertThat(typesUnder("contracts/samples", "catalog.")).containsExactlyInAnyOrderElementsOf(writes);
        assertThat(typesUnder("contracts/schemas", "catalog.")).containsExactlyInAnyOrderElementsOf(writes);
        List<String> inOutbox = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.getEntityManager()
                        .createQuery("select distinct m.type from OutboxMessage m", String.class)
                        .getResultList());
        assertThat(writes).containsAll(inOutbox);
    }

    private JsonNode sample() throws IOException {
        try (InputStream in = RoutineEventContractTest.resource("contracts/samples/" + TYPE + ".json")) {
            return json.readTree(in);
        }
    }

    private static JsonNode withoutIdsAndTimes(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove(List.of("id", "time"));
        ((ObjectNode) copy.get("data")).remove(List.of("id", "occurredAt"));
        return copy;
    }

    static JsonSchema schema() throws IOException {
        try (InputStream in = RoutineEventContractTest.resource("contracts/schemas/" + TYPE + ".json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    /** The event types (file names without .json) starting with {@code prefix} in a classpath folder, jar or not. */
    static List<String> typesUnder(String folder, String prefix) {
        TreeSet<String> types = new TreeSet<>();
        try {
            for (URL url : Collections.list(
                    Thread.currentThread().getContextClassLoader().getResources(folder))) {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                        types.addAll(names(jar.getPath(folder), prefix));
                    }
                } else {
                    types.addAll(names(Path.of(uri), prefix));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(types);
    }

    private static List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .toList();
        }
    }
}
