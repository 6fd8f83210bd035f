package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.backcare.infra.quarkus.KafkaResource;
import org.backcare.infra.quarkus.KeycloakResource;
import org.backcare.infra.quarkus.PostgresResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged catalog-service against real PostgreSQL, Kafka and Keycloak. */
@QuarkusIntegrationTest
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "catalog_it"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class CatalogIT {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theMigratedCatalogServesTheArticlesExercises() {
        given().get("/exercises/ear-to-shoulder")
                .then()
                .statusCode(200)
                .body("sided", equalTo(true))
                .body("safetyCues", hasItem(containsString("Never strain")));
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.outbox", equalTo("[OK]"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("outbox_pending"));
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Back-care catalog API"));
    }
}
