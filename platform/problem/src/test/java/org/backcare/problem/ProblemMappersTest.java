package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** Each failure answers application/problem+json with its status, and a violation names the field as sent. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    public record SetBody(
            @NotNull @Min(1) @Max(600) Integer holdSeconds,
            @Min(0) @Max(10) Integer pain) {}

    public record SessionBody(@NotBlank String timeZone, List<@NotNull @Valid SetBody> sets) {}

    /** A resource method as the services declare them: a body and a query parameter. */
    public static class Resource {
        public void record(@NotNull @Valid SessionBody body, @Min(1) int size) {}
    }

    private static List<String> fieldsOf(Object body, int size) throws Exception {
        Validator validator = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory()
                .getValidator();
        Method method = Resource.class.getMethod("record", SessionBody.class, int.class);
        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), method, new Object[] {body, size});
        return violations.stream().map(ProblemMappers::fieldName).sorted().toList();
    }

    @Test
    void aViolationInsideTheBodyIsNamedByItsJsonPathWithoutTheParameterName() throws Exception {
        SessionBody body = new SessionBody(" ", List.of(new SetBody(30, 2), new SetBody(0, 11)));

        assertThat(fieldsOf(body, 1)).containsExactly("sets[1].holdSeconds", "sets[1].pain", "timeZone");
    }

    @Test
    void aViolatedQueryParameterIsNamedByItsName() throws Exception {
        assertThat(fieldsOf(new SessionBody("UTC", List.of()), 0)).containsExactly("size");
    }

    @Test
    void aMissingBodyIsNamedBody() throws Exception {
        assertThat(fieldsOf(null, 1)).containsExactly("body");
    }

    @Test
    void aProblemExceptionAnswersItsStatusTypeAndHeadersAsProblemJson() {
        ProblemException conflict = new ProblemException(
                409, "conflict", "Conflict", "the session is completed", List.of(), Map.of("Retry-After", "5"));

        Response response = mappers.problem(conflict, null);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "conflict");
        assertThat(problem.detail()).isEqualTo("the session is completed");
    }

    @Test
    void severalViolationsAreSummedUpInTheDetail() {
        Problem problem = ProblemException.invalidFields(
                        List.of(new FieldViolation("pain", "at most 10"), new FieldViolation("reps", "at least 1")))
                .toProblem();

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("pain: at most 10; reps: at least 1");
        assertThat(problem.violations()).hasSize(2);
    }

    @Test
    void aPathWithoutAResourceIsA404ProblemNotAnEmptyAnswer() {
        Response response = mappers.webApplication(new NotFoundException(), null);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).detail()).isEqualTo("no resource at this path");
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothingOfIt() {
        Response response = mappers.unexpected(new IllegalStateException("password=secret"), null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).detail())
                .isEqualTo("the server failed; the failure was logged")
                .doesNotContain("secret");
    }

    @Test
    void anUnknownQueryValueIsA400NamingTheAllowedValues() {
        enum Granularity {
            DAY,
            WEEK
        }
        ProblemException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProblemException.class, () -> Fields.enumValue(Granularity.class, "granularity", "year"));

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.toProblem().violations())
                .containsExactly(new FieldViolation("granularity", "unknown value 'year'; allowed: DAY, WEEK"));
        assertThat(Fields.enumValue(Granularity.class, "granularity", " week ")).isEqualTo(Granularity.WEEK);
    }
}
