package org.backcare.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The configuration every service shares comes from platform/service-defaults (and the outbox producer's from
 * platform/outbox), below this service's application.properties; profile keys there work as anywhere.
 * The build-time key {@code quarkus.security.jaxrs.deny-unannotated-endpoints} is observed at work by
 * UnannotatedEndpointTest.
 */
@QuarkusTest
@CatalogTestResources
class SharedDefaultsTest {

    private static ConfigValue value(String key) {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigValue(key);
    }

    @Test
    void theRequestLimitsComeFromTheSharedDefaultsBelowApplicationProperties() {
        ConfigValue limit = value("quarkus.http.limits.max-body-size");

        assertThat(limit.getValue()).isEqualTo("1M");
        assertThat(limit.getSourceName()).contains("service-defaults").contains("microprofile-config.properties");
        assertThat(limit.getSourceOrdinal()).isEqualTo(100);
    }

    @Test
    void aTestProfileKeyOfTheSharedDefaultsApplies() {
        assertThat(value("quarkus.oidc.token.audience").getValue()).isEqualTo("https://service.example.com");
        assertThat(value("quarkus.oidc.token.audience").getSourceName()).contains("service-defaults");
    }

    @Test
    void theServicesOwnKeysStayInItsApplicationProperties() {
        ConfigValue topic = value("mp.messaging.outgoing.outbox.topic");

        assertThat(topic.getValue()).isEqualTo("catalog.exercises");
        assertThat(topic.getSourceName()).contains("application.properties");
        assertThat(value("quarkus.smallrye-openapi.info-title").getValue()).isEqualTo("Back-care catalog API");
    }

    @Test
    void theOutboxProducerSettingsComeFromTheOutboxModule() {
        ConfigValue acks = value("mp.messaging.outgoing.outbox.acks");

        assertThat(acks.getValue()).isEqualTo("all");
        assertThat(acks.getSourceName()).contains("outbox").contains("microprofile-config.properties");
        assertThat(value("outbox.relay.ack-timeout").getValue()).isEqualTo("PT90S");
    }

    @Test
    void theBuildTimeKeysOfTheSharedDefaultsReachTheApplication() {
        assertThat(value("quarkus.security.jaxrs.deny-unannotated-endpoints").getValue())
                .isEqualTo("true");
        assertThat(value("quarkus.datasource.db-kind").getValue()).isEqualTo("postgresql");
    }
}
