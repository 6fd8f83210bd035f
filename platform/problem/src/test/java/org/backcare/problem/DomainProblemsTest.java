package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backcare.domain.ConflictException;
import org.backcare.domain.InvalidInputException;
import org.backcare.domain.NoSuchResourceException;
import org.backcare.domain.RuleViolationException;
import org.backcare.domain.StaleVersionException;
import org.backcare.domain.UnavailableException;
import org.junit.jupiter.api.Test;

/** Each kind of domain exception answers as the HTTP factory methods of ProblemException did, field for field. */
class DomainProblemsTest {

    @Test
    void invalidInputAnswersLikeInvalidFields() {
        List<FieldViolation> violations =
                List.of(new FieldViolation("side", "is required"), new FieldViolation("pain", "must be 0..10"));

        assertSameAnswer(
                ProblemException.from(new InvalidInputException(violations)),
                ProblemException.invalidFields(violations));
        assertSameAnswer(
                ProblemException.from(InvalidInputException.field("side", "is required")),
                ProblemException.invalidField("side", "is required"));
    }

    @Test
    void aMissingResourceAnswers404NotFound() {
        assertSameAnswer(
                ProblemException.from(new NoSuchResourceException("session 42")),
                ProblemException.notFound("session 42"));
    }

    @Test
    void aConflictAnswers409AndAStaleVersion412() {
        assertSameAnswer(
                ProblemException.from(new ConflictException("the slug is taken")),
                ProblemException.conflict("the slug is taken"));
        assertSameAnswer(
                ProblemException.from(new StaleVersionException("at version 3, not 2")),
                ProblemException.preconditionFailed("at version 3, not 2"));
    }

    @Test
    void aRuleViolationAnswersLikeUnprocessable() {
        assertSameAnswer(
                ProblemException.from(RuleViolationException.field("exerciseId", "no published exercise")),
                ProblemException.unprocessable("exerciseId", "no published exercise"));
        List<FieldViolation> violations = List.of(new FieldViolation("reps", "the exercise is held"));
        assertSameAnswer(
                ProblemException.from(new RuleViolationException("does not fit", violations)),
                ProblemException.unprocessableFields("does not fit", violations));
    }

    @Test
    void anUnavailableDependencyAnswers503NamingItWithRetryAfter() {
        ProblemException answer = ProblemException.from(
                new UnavailableException("catalog", "the catalog cannot be reached", Duration.ofSeconds(10)));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).isEqualTo(Map.of("Retry-After", "10"));
        assertThat(answer.toProblem().type()).isEqualTo(Problem.TYPE_BASE + "catalog-unavailable");
        assertThat(answer.toProblem().title()).isEqualTo("Catalog unavailable");
        assertThat(answer.toProblem().detail()).isEqualTo("the catalog cannot be reached");
    }

    private static void assertSameAnswer(ProblemException actual, ProblemException expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.headers()).isEqualTo(expected.headers());
        assertThat(actual.toProblem()).isEqualTo(expected.toProblem());
    }
}
