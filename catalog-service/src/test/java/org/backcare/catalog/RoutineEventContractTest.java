package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

/** The published contract of catalog.routines: the sample and the events this service really writes match it. */
@QuarkusTest
@CatalogTestResources
class RoutineEventContractTest {

    static final String TYPE = "catalog.routine.upserted.v1";
    static final String STARTER = "7a2e3c4d-0b02-4f60-9b20-000000000001";

    @Inject
    ObjectMapper json;

    @Test
    void theSampleMatchesTheSchema() throws IOException {
        JsonNode sample = sample();
        assertThat(schema().validate(sample)).isEmpty();
        assertThat(sample.get("type").asText()).isEqualTo(TYPE);
        assertThat(sample.at("/data/routine/weeklyTarget").asInt()).isEqualTo(5);
    }

    @Test
    void theSampleIsWhatTheServiceWroteForTheShippedStarterApartFromIdsAndTimes() throws IOException {
        List<OutboxMessage> written = RoutineResourceTest.routineEvents(STARTER);
        assertThat(written).isNotEmpty();
        JsonNode first = json.readTree(written.get(0).payload);
        assertThat(schema().validate(first)).isEmpty();
        assertThat(withoutIdsAndTimes(first)).isEqualTo(withoutIdsAndTimes(sample()));
    }

    @Test
    void theSchemaRefusesAnEventThatBreaksIt() throws IOException {
        JsonNode sample = sample();
        ObjectNode routine = (ObjectNode) sample.at("/data/routine");
        routine.put("weeklyTarget", 15);
        routine.remove("entries");
        assertThat(schema().validate(sample)).hasSize(2);
    }

    @Test
    void theEventWrittenForARealRoutineUpdateMatchesTheSchema() throws IOException {
        String id = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(RoutineResourceTest.routine(
                        "contract-check", List.of(Map.of("exerciseId", RoutineResourceTest.CHIN_TO_CHEST))))
                .post("/routines")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(RoutineResourceTest.routine(
                        "contract-check",
                        List.of(
                                Map.of("exerciseId", RoutineResourceTest.CHIN_TO_CHEST),
                                Map.of(
                                        "exerciseId",
                                        RoutineResourceTest.GLUTE_BRIDGE,
                                        "prescription",
                                        Map.of("repsMin", 10, "repsMax", 12)))))
                .put("/routines/{id}", id)
                .then()
                .statusCode(200);

        List<OutboxMessage> written = RoutineResourceTest.routineEvents(id);
        assertThat(written).hasSize(2);
        for (OutboxMessage row : written) {
            JsonNode event = json.readTree(row.payload);
            assertThat(schema().validate(event)).as(row.payload).isEmpty();
        }
        JsonNode update = json.readTree(written.get(1).payload);
        assertThat(update.at("/data/version").asInt()).isEqualTo(2);
        assertThat(update.at("/dataschema").asText()).isEqualTo("https://backcare.org/schemas/" + TYPE + ".json");
    }

    private JsonNode sample() throws IOException {
        try (InputStream in = resource("contracts/samples/" + TYPE + ".json")) {
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
        try (InputStream in = resource("contracts/schemas/" + TYPE + ".json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }
}
