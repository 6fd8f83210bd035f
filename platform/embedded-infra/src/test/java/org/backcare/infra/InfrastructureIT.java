package org.backcare.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backcare.infra.quarkus.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** The real components start, answer, survive a crash where they should, and refuse what they should. */
class InfrastructureIT {

    @Test
    void postgresServesADatabaseAndRecoversFromAKill() throws Exception {
        PostgresServer postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("infra_check");
        try (Connection connection = DriverManager.getConnection(
                postgres.jdbcUrl("infra_check"), PostgresServer.USER, PostgresServer.PASSWORD)) {
            connection.createStatement().execute("create table hold (seconds int)");
            connection.createStatement().execute("insert into hold values (30)");
        }

        postgres.kill();
        postgres.start();

        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl("infra_check"), PostgresServer.USER, PostgresServer.PASSWORD);
                ResultSet rows = connection.createStatement().executeQuery("select seconds from hold")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(30);
            assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("18.");
        }
    }

    @Test
    void kafkaCreatesTheSystemTopicsAndKeepsAcknowledgedRecordsAcrossASigkill() throws Exception {
        KafkaBroker kafka = SharedInfrastructure.kafka();
        try (Admin admin = kafka.admin()) {
            var topics = admin.describeTopics(List.of(Topics.SESSION_EVENTS, Topics.CATALOG_EXERCISES))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.get(Topics.SESSION_EVENTS).partitions()).hasSize(6);
            ConfigResource catalog = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG_EXERCISES);
            ConfigEntry policy = admin.describeConfigs(List.of(catalog))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(catalog)
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }

        String topic = "infra-check";
        kafka.createTopics(List.of(new KafkaBroker.TopicSpec(topic, 1, Map.of())));
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "alice", "hold-30s")).get(30, TimeUnit.SECONDS);
        }

        kafka.kill();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(readAll(kafka, topic)).containsExactly("hold-30s");
    }

    @Test
    void keycloakIssuesTokensForTheDemoUsersWithRolesAndAudience() throws Exception {
        KeycloakServer keycloak = SharedInfrastructure.keycloak();

        JsonNode alice = claims(keycloak.accessToken("alice", "alice"));
        assertThat(alice.get("sub").asText()).isEqualTo("9d3a7c1e-5b1f-4c59-9a3e-0a1f2b3c4d51");
        assertThat(alice.get("iss").asText()).isEqualTo(keycloak.realmUrl());
        assertThat(alice.get("aud").toString()).contains("workout-api");
        assertThat(alice.at("/realm_access/roles").toString()).contains("\"user\"");
        assertThat(claims(keycloak.accessToken("carol", "carol"))
                        .at("/realm_access/roles")
                        .toString())
                .contains("\"coach\"");
        assertThat(claims(keycloak.accessToken("admin", "admin"))
                        .at("/realm_access/roles")
                        .toString())
                .contains("\"admin\"");

        assertThatThrownBy(() -> keycloak.accessToken("alice", "wrong"))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("invalid_grant");
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(KafkaBroker kafka, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-check-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
