package org.backcare.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Consumer contract of the catalog's topics: the catalog-service's own samples (the catalog-contracts artifact, a
 * test dependency) go in through this service's channels catalog-exercises and catalog-routines (in memory here,
 * Kafka in production) and land in the catalog replica (exercise_ref, routine_ref, routine_entry_ref) as the
 * producer means them.
 * Only the published shapes are used: no hand-written catalog JSON, no class of this service's ingest code.
 */
@QuarkusTest
@ProgressTestResources
@TestProfile(CatalogEventsContractTest.CatalogChannelsInMemory.class)
class CatalogEventsContractTest {

    static final String EXERCISE_UPSERTED = "catalog.exercise.upserted.v1";
    static final String ROUTINE_UPSERTED = "catalog.routine.upserted.v1";

    /** The two catalog channels in memory instead of disabled, as the other @QuarkusTests have them. */
    public static class CatalogChannelsInMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new LinkedHashMap<>();
            for (String channel : List.of("catalog-exercises", "catalog-routines")) {
                String prefix = "mp.messaging.incoming." + channel + ".";
                config.put(prefix + "connector", "smallrye-in-memory");
                config.put("%test." + prefix + "connector", "smallrye-in-memory");
                config.put(prefix + "enabled", "true");
                config.put("%test." + prefix + "enabled", "true");
            }
            return config;
        }
    }

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theCatalogPublishesASchemaAndASampleForBothTypesThisServiceReads() {
        assertThat(ProducerContracts.published(ProducerContracts.CATALOG_EVENTS))
                .containsExactlyInAnyOrder(EXERCISE_UPSERTED, ROUTINE_UPSERTED);
        assertThat(ProducerContracts.withSchema(ProducerContracts.CATALOG_EVENTS))
                .containsExactlyInAnyOrder(EXERCISE_UPSERTED, ROUTINE_UPSERTED);
    }

    @Test
    void theExerciseSampleLandsInTheReplicaWithItsNameKindSidesAndPrescription() {
        String id = UUID.randomUUID().toString();
        exercises(exerciseSample(id, 1, "Ear to shoulder"));

        Map<String, Object> row = awaitRow("exercise_ref", "exercise_id", id);
        assertThat(row)
                .containsEntry("slug", "ear-to-shoulder")
                .containsEntry("name", "Ear to shoulder")
                .containsEntry("regions", List.of("NECK", "SHOULDERS"))
                .containsEntry("measurement", "HOLD")
                .containsEntry("sided", true)
                .containsEntry("kind", "STRETCH")
                .containsEntry("hold_seconds", 30)
                .containsEntry("reps_min", 5)
                .containsEntry("reps_max", 10)
                .containsEntry("sets", 1)
                .containsEntry("catalog_version", 1L);
    }

    @Test
    void aRepsExerciseWithoutAHoldTimeLandsWithNoHoldTime() {
        String id = UUID.randomUUID().toString();
        ObjectNode event = ProducerContracts.sampleTree(EXERCISE_UPSERTED);
        own(event, id, "exerciseId", "exercise", 1);
        ObjectNode exercise = (ObjectNode) event.at("/data/exercise");
        exercise.put("measurement", "REPS").put("sided", false).put("kind", "MOBILITY");
        ((ObjectNode) exercise.get("prescription")).putNull("holdSeconds");
        assertThat(ProducerContracts.schema(EXERCISE_UPSERTED).validate(event)).isEmpty();
        exercises(event.toString());

        Map<String, Object> row = awaitRow("exercise_ref", "exercise_id", id);
        assertThat(row).containsEntry("measurement", "REPS").containsEntry("sided", false);
        assertThat(row.get("hold_seconds")).isNull();
    }

    @Test
    void anOlderVersionDeliveredLateNeverReplacesANewerOne() throws SQLException {
        String id = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        exercises(exerciseSample(id, 2, "Ear to shoulder, renamed"));
        exercises(exerciseSample(id, 1, "Ear to shoulder"));
        // the channel is ordered: once the marker landed, the late version 1 was handled before it
        exercises(exerciseSample(marker, 1, "Marker"));

        awaitRow("exercise_ref", "exercise_id", marker);
        assertThat(row("exercise_ref", "exercise_id", id).orElseThrow())
                .containsEntry("name", "Ear to shoulder, renamed")
                .containsEntry("catalog_version", 2L);
    }

    @Test
    void anEventThatIsNotACatalogExerciseIsSkippedAndTheNextStillLands() {
        String id = UUID.randomUUID().toString();
        ObjectNode routine = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        exercises("not json");
        exercises(routine.toString());
        exercises(exerciseSample(id, 1, "After the skipped ones"));

        assertThat(awaitRow("exercise_ref", "exercise_id", id)).containsEntry("name", "After the skipped ones");
    }

    @Test
    void theRoutineSampleLandsInTheReplicaWithItsWeeklyTarget() {
        String id = UUID.randomUUID().toString();
        ObjectNode event = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        own(event, id, "routineId", "routine", 1);
        connector.source("catalog-routines").send(event.toString());

        assertThat(awaitRow("routine_ref", "routine_id", id))
                .containsEntry("slug", "neck-and-shoulder-starter")
                .containsEntry("name", "Neck and shoulder starter")
                .containsEntry("weekly_target", 5)
                .containsEntry("status", "PUBLISHED")
                .containsEntry("catalog_version", 1L);
    }

    @Test
    void theRoutineSamplesEntriesLandInTheReplicaInOrderWithTheirOverrides() throws SQLException {
        String id = UUID.randomUUID().toString();
        ObjectNode event = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        own(event, id, "routineId", "routine", 1);
        connector.source("catalog-routines").send(event.toString());

        awaitRow("routine_ref", "routine_id", id);
        // the sample's four steps: the first three take their exercise's prescription, the fourth asks 5 repetitions
        assertThat(entries(id))
                .extracting(
                        r -> r.get("position"),
                        r -> r.get("exercise_id").toString(),
                        r -> r.get("hold_seconds"),
                        r -> r.get("reps_min"),
                        r -> r.get("reps_max"),
                        r -> r.get("sets"))
                .containsExactly(
                        tuple(1, "6f1d2c3b-0a01-4e5f-8a10-000000000001", null, null, null, null),
                        tuple(2, "6f1d2c3b-0a01-4e5f-8a10-000000000002", null, null, null, null),
                        tuple(3, "6f1d2c3b-0a01-4e5f-8a10-000000000003", null, null, null, null),
                        tuple(4, "6f1d2c3b-0a01-4e5f-8a10-000000000004", null, 5, 5, null));
    }

    @Test
    void aNewerVersionOfARoutineReplacesItsEntriesAndAnOlderOneLeavesThem() throws SQLException {
        String id = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        ObjectNode second = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        own(second, id, "routineId", "routine", 2);
        ArrayNode entries = (ArrayNode) second.at("/data/routine/entries");
        entries.remove(3);
        entries.remove(2);
        ((ObjectNode) entries.get(1).get("prescription")).put("holdSeconds", 20).put("sets", 2);
        assertThat(ProducerContracts.schema(ROUTINE_UPSERTED).validate(second)).isEmpty();
        ObjectNode first = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        own(first, id, "routineId", "routine", 1);
        ObjectNode last = ProducerContracts.sampleTree(ROUTINE_UPSERTED);
        own(last, marker, "routineId", "routine", 1);
        connector.source("catalog-routines").send(first.toString());
        connector.source("catalog-routines").send(second.toString());
        connector.source("catalog-routines").send(first.toString());
        // the channel is ordered: once the marker landed, the late version 1 was handled before it
        connector.source("catalog-routines").send(last.toString());

        awaitRow("routine_ref", "routine_id", marker);
        assertThat(row("routine_ref", "routine_id", id).orElseThrow()).containsEntry("catalog_version", 2L);
        assertThat(entries(id))
                .extracting(r -> r.get("position"), r -> r.get("hold_seconds"), r -> r.get("sets"))
                .containsExactly(tuple(1, null, null), tuple(2, 20, 2));
    }

    @Test
    void theCatalogEventsTheOtherTestsBuildMatchTheCatalogsSchemas() {
        assertThat(ProducerContracts.schema(EXERCISE_UPSERTED)
                        .validate(tree(Events.catalogExercise(Events.EAR_TO_SHOULDER, 30, 5, 10, 1, "STRETCH"))))
                .isEmpty();
        assertThat(ProducerContracts.schema(EXERCISE_UPSERTED)
                        .validate(tree(Events.catalogExercise(Events.SHOULDER_ROLLS, null, 5, 10, 1, "MOBILITY"))))
                .isEmpty();
        assertThat(ProducerContracts.schema(ROUTINE_UPSERTED)
                        .validate(tree(Events.catalogRoutine(
                                Events.STARTER_ROUTINE, "neck-and-shoulder-starter", "Neck and shoulder starter", 5))))
                .isEmpty();
    }

    /** The exercise sample as a new event about exercise {@code id} at {@code version}, named {@code name}. */
    private static String exerciseSample(String id, long version, String name) {
        ObjectNode event = ProducerContracts.sampleTree(EXERCISE_UPSERTED);
        own(event, id, "exerciseId", "exercise", version);
        ((ObjectNode) event.at("/data/exercise")).put("name", name);
        return event.toString();
    }

    /** A sample with an event id, an entity id and a version of this test's own (the samples share theirs). */
    private static void own(ObjectNode event, String id, String idField, String entity, long version) {
        String eventId = UUID.randomUUID().toString();
        event.put("id", eventId).put("subject", id);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", eventId).put(idField, id).put("version", version);
        ((ObjectNode) data.get(entity)).put("id", id).put("version", version);
    }

    private void exercises(String payload) {
        connector.source("catalog-exercises").send(payload);
    }

    private Map<String, Object> awaitRow(String table, String key, String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> row(table, key, id), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<Map<String, Object>> row(String table, String key, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("select * from " + table + " where " + key + " = cast(? as uuid)")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(
                            rs.getMetaData().getColumnName(i),
                            value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
                }
                return Optional.of(row);
            }
        }
    }

    /** The routine's rows in routine_entry_ref, by position. */
    private List<Map<String, Object>> entries(String routineId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select * from routine_entry_ref where routine_id = cast(? as uuid) order by position")) {
            select.setString(1, routineId);
            try (ResultSet rs = select.executeQuery()) {
                List<Map<String, Object>> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
