package org.backcare.session.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.backcare.problem.FieldViolation;
import org.backcare.problem.ProblemException;
import org.backcare.session.domain.Side;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The set's hand-written checks answer what Hibernate Validator answers for the record's annotations. */
class RecordSetRequestTest {

    /** Each bound, either side of it, the extremes and null. */
    private static final Integer[] EDGES = {
        null, Integer.MIN_VALUE, -1, 0, 1, 2, 9, 10, 11, 199, 200, 201, 599, 600, 601, Integer.MAX_VALUE
    };

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void everyFieldAtEveryEdgeIsJudgedAsTheValidatorJudgesIt() {
        for (int field = 0; field < 5; field++) {
            for (Integer value : EDGES) {
                Integer[] values = {30, null, 30, null, 1};
                values[field] = value;
                assertSameAsValidator(request(UUID.randomUUID(), values));
            }
        }
        assertSameAsValidator(request(null, new Integer[] {30, null, null, null, null}));
    }

    @Test
    void manyWrongFieldsAtOnceAreAllNamedInTheValidatorsOrder() {
        Random random = new Random(22);
        for (int i = 0; i < 2_000; i++) {
            Integer[] values = new Integer[5];
            for (int f = 0; f < values.length; f++) {
                values[f] = EDGES[random.nextInt(EDGES.length)];
            }
            assertSameAsValidator(request(random.nextInt(4) == 0 ? null : UUID.randomUUID(), values));
        }
    }

    @Test
    void aMissingBodyAnswersBadRequestNamingTheRequest() {
        assertThatThrownBy(() -> RecordSetRequest.check(null))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem().violations())
                                .containsExactly(new FieldViolation("request", RecordSetRequest.NOT_NULL)));
    }

    @Test
    void aValidSetPassesUnchanged() {
        RecordSetRequest set = request(UUID.randomUUID(), new Integer[] {30, null, 30, null, 0});
        assertThat(RecordSetRequest.check(set)).isSameAs(set);
    }

    private static void assertSameAsValidator(RecordSetRequest request) {
        List<FieldViolation> expected = new ArrayList<>(validator.validate(request).stream()
                .map(v -> new FieldViolation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
        expected.sort(Comparator.comparing(FieldViolation::field));
        assertThat(request.violations()).as(Arrays.toString(fields(request))).isEqualTo(expected);
        if (expected.isEmpty()) {
            assertThat(RecordSetRequest.check(request)).isSameAs(request);
        } else {
            assertThatThrownBy(() -> RecordSetRequest.check(request))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.toProblem().violations()).isEqualTo(expected));
        }
    }

    private static Object[] fields(RecordSetRequest r) {
        return new Object[] {r.exerciseId(), r.holdSeconds(), r.reps(), r.targetHoldSeconds(), r.targetReps(), r.pain()
        };
    }

    /** values: holdSeconds, reps, targetHoldSeconds, targetReps, pain. */
    private static RecordSetRequest request(UUID exercise, Integer[] values) {
        return new RecordSetRequest(
                UUID.randomUUID(),
                exercise,
                Side.LEFT,
                values[0],
                values[1],
                values[2],
                values[3],
                values[4],
                OffsetDateTime.now());
    }
}
