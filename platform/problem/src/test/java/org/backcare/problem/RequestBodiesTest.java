package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a request body is read (StrictJson's rules, and StrictRequestBodies refusing unknown fields) and how each
 * failure is named (ProblemMappers.jsonProblem): a 400 whose violation is the JSON path the client sent.
 */
class RequestBodiesTest {

    public enum Side {
        LEFT,
        RIGHT
    }

    public record SetBody(UUID exerciseId, Side side, Integer holdSeconds, Integer pain, OffsetDateTime recordedAt) {}

    public record ImportBody(String timeZone, List<SetBody> sets, String notes) {}

    private final ObjectMapper application = applicationMapper();
    private final ObjectMapper requests = StrictRequestBodies.refusingUnknownFields(application);

    private static ObjectMapper applicationMapper() {
        // as Quarkus makes it (quarkus.jackson.fail-on-unknown-properties=false), then customised
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(json);
        return json;
    }

    private Problem problemOf(String body) {
        JsonProcessingException failure =
                catchThrowableOfType(JsonProcessingException.class, () -> requests.readValue(body, ImportBody.class));
        assertThat(failure).as("reading %s fails", body).isNotNull();
        return ProblemMappers.jsonProblem(failure);
    }

    @Test
    void anUnknownFieldInANestedSetIsA400NamingItsJsonPathAndTheKnownFields() {
        Problem problem =
                problemOf("{\"timeZone\":\"Europe/Berlin\",\"sets\":[{\"holdSeconds\":30}," + "{\"holdSecond\":30}]}");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "invalid-request");
        assertThat(problem.violations()).hasSize(1);
        FieldViolation violation = problem.violations().get(0);
        assertThat(violation.field()).isEqualTo("sets[1].holdSecond");
        assertThat(violation.message())
                .startsWith("unknown field")
                .contains("holdSeconds")
                .contains("exerciseId, holdSeconds, pain, recordedAt, side");
    }

    @Test
    void anUnknownTopLevelFieldIsNamedByItsName() {
        assertThat(problemOf("{\"timeZone\":\"UTC\",\"userId\":\"someone-else\"}")
                        .violations())
                .extracting(FieldViolation::field)
                .containsExactly("userId");
    }

    @Test
    void theApplicationsOwnMapperStillReadsAnswersAndEventsWithMoreFieldsThanItKnows() throws Exception {
        ImportBody read = application.readValue(
                "{\"timeZone\":\"UTC\",\"sets\":[{\"holdSeconds\":30,\"addedLater\":true}],\"version\":3}",
                ImportBody.class);

        assertThat(read.sets()).singleElement().extracting(SetBody::holdSeconds).isEqualTo(30);
        assertThat(new StrictRequestBodies(application).getContext(ImportBody.class))
                .isNotSameAs(application);
    }

    @Test
    void aNumberInQuotesIsNotQuietlyReadAsANumber() {
        Problem problem = problemOf("{\"sets\":[{\"pain\":\"7\"}]}");

        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("sets[0].pain");
    }

    @Test
    void aFractionIsNotCutToAWholeNumber() {
        assertThat(problemOf("{\"sets\":[{\"holdSeconds\":29.5}]}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("sets[0].holdSeconds");
    }

    @Test
    void anUnknownEnumValueNamesTheAllowedOnes() {
        FieldViolation violation =
                problemOf("{\"sets\":[{\"side\":\"MIDDLE\"}]}").violations().get(0);

        assertThat(violation.field()).isEqualTo("sets[0].side");
        assertThat(violation.message()).contains("'MIDDLE'").contains("allowed: LEFT, RIGHT");
    }

    @Test
    void anEnumIsNotReadFromItsPosition() {
        assertThat(problemOf("{\"sets\":[{\"side\":0}]}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("sets[0].side");
    }

    @Test
    void aDateTimeIsReadOnlyFromIsoText() {
        assertThat(problemOf("{\"sets\":[{\"recordedAt\":1234}]}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("sets[0].recordedAt");
        assertThat(problemOf("{\"sets\":[{\"recordedAt\":\" \"}]}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("sets[0].recordedAt");
    }

    @Test
    void aNumberIsNotQuietlyReadAsText() {
        assertThat(problemOf("{\"timeZone\":42}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("timeZone");
    }

    @Test
    void textWithANulCharacterIsRefused() {
        assertThat(problemOf("{\"notes\":\"a\\u0000b\"}").violations())
                .extracting(FieldViolation::field)
                .containsExactly("notes");
    }

    @Test
    void anythingAfterTheDocumentIsRefused() {
        assertThatThrownBy(() -> requests.readValue("{\"timeZone\":\"UTC\"} {}", ImportBody.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void malformedJsonIsA400SayingWhere() {
        Problem problem = problemOf("{\"timeZone\":\"UTC\",");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "malformed-json");
        assertThat(problem.detail()).contains("line 1");
    }
}
