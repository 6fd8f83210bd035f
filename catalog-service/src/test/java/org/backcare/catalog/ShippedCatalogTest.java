package org.backcare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.backcare.catalog.domain.ExerciseStatus;
import org.backcare.catalog.domain.Kind;
import org.backcare.catalog.domain.Measurement;
import org.backcare.catalog.domain.Region;
import org.backcare.catalog.repository.ExerciseEntity;
import org.backcare.catalog.repository.RoutineEntity;
import org.backcare.catalog.service.ExerciseDraft;
import org.backcare.catalog.service.ExerciseRules;
import org.backcare.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

/** The catalog the Flyway migrations ship: valid by the same rules as the API, and faithful to the article. */
@QuarkusTest
@CatalogTestResources
class ShippedCatalogTest {

    static final Set<String> ARTICLE =
            Set.of("chin-to-chest", "ear-to-shoulder", "shoulder-rolls", "bend-over-touch-toes");
    static final Set<String> WELL_KNOWN = Set.of(
            "knee-to-chest",
            "cat-cow",
            "childs-pose",
            "figure-four",
            "hip-flexor-stretch",
            "supine-hamstring-stretch",
            "pelvic-tilt",
            "glute-bridge",
            "bird-dog",
            "dead-bug",
            "plank",
            "side-plank");

    @Inject
    ExerciseRules rules;

    @Test
    void everyShippedExerciseIsValidByTheApisRules() {
        List<ExerciseEntity> shipped = shipped();
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(15);
        for (ExerciseEntity e : shipped) {
            var draft = new ExerciseDraft(
                    e.slug,
                    e.name,
                    e.summary,
                    e.instructions,
                    e.kind,
                    e.regionList(),
                    e.measurement,
                    e.sided,
                    e.prescription(),
                    e.safetyCues,
                    e.prescriptionNote,
                    e.status);
            assertThat(rules.violations(draft)).as(e.slug).isEmpty();
            assertThat(e.instructions).as(e.slug).isNotEmpty();
            assertThat(e.safetyCues).as(e.slug).anyMatch(cue -> cue.startsWith("Never strain or cause pain"));
            assertThat(e.status).isEqualTo(ExerciseStatus.PUBLISHED);
        }
    }

    @Test
    void theArticlesExercisesAndTheWellKnownOnesArePresentBySlug() {
        Set<String> slugs = shipped().stream().map(e -> e.slug).collect(Collectors.toSet());
        assertThat(slugs).containsAll(ARTICLE).containsAll(WELL_KNOWN);
        assertThat(shipped().stream().flatMap(e -> e.regionList().stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Region.class));
    }

    @Test
    void stretchesHoldThirtySecondsFiveToTenTimesOrSayWhyNot() {
        for (ExerciseEntity e : shipped()) {
            boolean articleDefault = e.measurement == Measurement.HOLD
                    && Integer.valueOf(30).equals(e.holdSeconds)
                    && Integer.valueOf(5).equals(e.repsMin)
                    && Integer.valueOf(10).equals(e.repsMax);
            if (e.kind == Kind.STRETCH) {
                assertThat(articleDefault)
                        .as(e.slug + " follows the article's prescription")
                        .isTrue();
            }
            if (!articleDefault) {
                assertThat(e.prescriptionNote)
                        .as(e.slug + " says why it differs")
                        .isNotBlank();
            }
        }
    }

    @Test
    void everyPublishedExerciseWentToTheOutboxAtStartUp() {
        List<ExerciseEntity> shipped = shipped();
        Set<String> keys = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.<OutboxMessage>list("type", "catalog.exercise.upserted.v1").stream()
                        .map(m -> m.key)
                        .collect(Collectors.toSet()));
        assertThat(keys).containsAll(shipped.stream().map(e -> e.id.toString()).toList());
        assertThat(shipped).allSatisfy(e -> assertThat(e.publishedVersion).isEqualTo(e.version));
    }

    @Test
    void everyShippedRoutineWentToTheOutboxAtStartUpWithItsWeeklyTarget() {
        Map<String, Integer> weeklyTargets = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.<OutboxMessage>list(
                                "topic = ?1 and type = ?2 and key like '7a2e3c4d-0b02-4f60-9b20-%' order by seq",
                                "catalog.routines", "catalog.routine.upserted.v1")
                        .stream()
                        .map(m -> RoutineResourceTest.read(m.payload))
                        .filter(event -> event.at("/data/version").asLong() == 1)
                        .collect(Collectors.toMap(
                                event -> event.get("subject").asText(),
                                event -> event.at("/data/routine/weeklyTarget").asInt())));
        assertThat(weeklyTargets)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "7a2e3c4d-0b02-4f60-9b20-000000000001", 5,
                        "7a2e3c4d-0b02-4f60-9b20-000000000002", 3,
                        "7a2e3c4d-0b02-4f60-9b20-000000000003", 3));
        List<RoutineEntity> routines = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createQuery(
                                "from RoutineEntity r where cast(r.id as string) like '7a2e3c4d-0b02-4f60-9b20-%'",
                                RoutineEntity.class)
                        .getResultList());
        assertThat(routines)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.publishedVersion).isEqualTo(r.version));
    }

    static List<ExerciseEntity> shipped() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createQuery(
                                "from ExerciseEntity e where cast(e.id as string) like '6f1d2c3b-0a01-4e5f-8a10-%' order by e.slug",
                                ExerciseEntity.class)
                        .getResultList());
    }
}
