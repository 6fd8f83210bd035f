package org.backcare.kafkatrust;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.log.LogDetail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTrustCheckTest.MountedCa.class)
class KafkaTrustCheckTest {

    /** The Kafka CA "mounted" in a temporary folder, as Strimzi's Secret is at /etc/kafka-ca. */
    public static class MountedCa implements QuarkusTestResourceLifecycleManager {
        static Path file;

        @Override
        public Map<String, String> start() {
            try {
                file = Files.createTempDirectory("kafka-ca").resolve("ca.crt");
                Files.writeString(file, "-----BEGIN CERTIFICATE-----\nthe CA of year one\n-----END CERTIFICATE-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "kafka.ssl.truststore.location", file.toString(),
                    "backcare.kafka-trust.restart-window", "PT0S",
                    "backcare.kafka-trust.recheck-interval", "PT0S");
        }

        @Override
        public void stop() {}
    }

    @Test
    void livenessTurnsDownWhenTheMountedCaIsRenewedAndUpWhenItIsTheLoadedOneAgain() throws IOException {
        String loaded = Files.readString(MountedCa.file);
        live().statusCode(200).body("checks.find { it.name == 'kafka-trust' }.status", equalTo("UP"));

        Files.writeString(
                MountedCa.file,
                loaded + "-----BEGIN CERTIFICATE-----\nthe CA of year two\n" + "-----END CERTIFICATE-----\n");
        live().statusCode(503)
                .body("checks.find { it.name == 'kafka-trust' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka-trust' }.data.changedAt", notNullValue());

        Files.writeString(MountedCa.file, loaded);
        live().statusCode(200).body("checks.find { it.name == 'kafka-trust' }.status", equalTo("UP"));
    }

    private static io.restassured.response.ValidatableResponse live() {
        return given().when().get("/q/health/live").then().log().ifValidationFails(LogDetail.ALL);
    }
}
