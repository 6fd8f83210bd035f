package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each observability rule fails on the rendered prod overlay with one thing broken, and says what and where. */
class ObservabilityRulesTest {

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    @Test
    void aServiceWithoutAMonitorIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("ServiceMonitor", "backcare-services")
                                .orElseThrow()
                                .at("/spec/selector/matchLabels"))
                        .put("app.kubernetes.io/component", "services")))
                .isEqualTo("prod: Service catalog-service: no ServiceMonitor scrapes /q/metrics on its port http: add"
                        + " one selecting its labels to monitoring.yaml\n"
                        + "prod: Service progress-service: no ServiceMonitor scrapes /q/metrics on its port http: add"
                        + " one selecting its labels to monitoring.yaml\n"
                        + "prod: Service session-service: no ServiceMonitor scrapes /q/metrics on its port http: add"
                        + " one selecting its labels to monitoring.yaml");
    }

    @Test
    void theWebAppScrapedOnTheWrongPathIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("ServiceMonitor", "backcare-web-app")
                                .orElseThrow()
                                .at("/spec/endpoints/0"))
                        .put("path", "/metrics")))
                .isEqualTo("prod: Service web-app: no ServiceMonitor scrapes /q/metrics on its port http: add one"
                        + " selecting its labels to monitoring.yaml");
    }

    @Test
    void aServiceClosedToPrometheusIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "session-service")
                                .orElseThrow()
                                .at("/spec/ingress/1/from/0/podSelector/matchLabels"))
                        .put("app.kubernetes.io/name", "grafana")))
                .isEqualTo("prod: Deployment session-service: its NetworkPolicies do not let Prometheus (namespace"
                        + " monitoring, pods app.kubernetes.io/name=prometheus) in on port 8082: its metrics would go"
                        + " unseen");
    }

    @Test
    void postgresClosedToPrometheusIsNamed() {
        String violations = violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "postgres-metrics")
                        .orElseThrow()
                        .at("/spec/ingress/0/ports/0"))
                .put("port", 9090));
        assertThat(violations.lines())
                .hasSize(4)
                .contains("prod: Cluster catalog-db: the NetworkPolicies do not let Prometheus (namespace monitoring)"
                        + " reach its PostgreSQL instances on port 9187");
    }

    @Test
    void aDatabaseWithoutAPodMonitorIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                m.find("PodMonitor", "session-db").orElseThrow().at("/spec/selector/matchLabels"))
                        .put("cnpg.io/cluster", "sessions-db")))
                .startsWith("prod: Cluster session-db: no PodMonitor scrapes its PostgreSQL instances (pods ")
                .endsWith(") on port metrics: add one to monitoring.yaml");
    }

    @Test
    void kafkaWithoutItsExportersIsNamed() {
        String violations = violationsAfter(m -> {
            ObjectNode spec =
                    (ObjectNode) m.find("Kafka", "backcare-kafka").orElseThrow().get("spec");
            spec.remove("kafkaExporter");
            ((ObjectNode) spec.get("kafka")).remove("metricsConfig");
        });
        assertThat(violations)
                .contains("prod: Kafka backcare-kafka: needs spec.kafka.metricsConfig of type jmxPrometheusExporter in"
                        + " prod (kafka-metrics-patch.yaml): the brokers' and controllers' health would go unseen")
                .contains("prod: Kafka backcare-kafka: needs spec.kafkaExporter in prod: consumer lag and the DLQ's"
                        + " offsets come from it");
    }

    @Test
    void kafkaMetricsRulesMissingIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("ConfigMap", "kafka-metrics")
                                .orElseThrow()
                                .get("data"))
                        .removeAll()))
                .isEqualTo("prod: Kafka backcare-kafka: its metricsConfig reads key kafka-metrics-config.yml of"
                        + " ConfigMap kafka-metrics, which the overlay does not have");
    }

    @Test
    void theKafkaExporterUnscrapedIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("PodMonitor", "backcare-kafka-exporter")
                                .orElseThrow()
                                .at("/spec/podMetricsEndpoints/0"))
                        .put("port", "metrics")))
                .startsWith("prod: Kafka backcare-kafka: no PodMonitor scrapes the Kafka exporter (pods ")
                .endsWith(") on port tcp-prometheus: add one to monitoring.yaml");
    }

    @Test
    void aMissingAlertIsNamed() {
        assertThat(violationsAfter(m -> {
                    ArrayNode groups = (ArrayNode) m.find("PrometheusRule", "backcare-alerts")
                            .orElseThrow()
                            .at("/spec/groups");
                    for (int i = groups.size() - 1; i >= 0; i--) {
                        if (groups.get(i).path("name").asText().equals("backcare.backups")) {
                            groups.remove(i);
                        }
                    }
                }))
                .isEqualTo("prod: no PrometheusRule alerts on WAL archiving failures (an alert reading"
                        + " cnpg_pg_stat_archiver_failed_count): add it to monitoring.yaml\n"
                        + "prod: no PrometheusRule alerts on the age of the last backup (an alert reading"
                        + " barman_cloud_cloudnative_pg_io_last_available_backup_timestamp): add it to monitoring.yaml\n"
                        + "prod: no PrometheusRule alerts on a failed backup (an alert reading"
                        + " barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp): add it to monitoring.yaml");
    }

    @Test
    void anAlertWithoutSeverityForOrSummaryIsNamed() {
        assertThat(violationsAfter(m -> {
                    ObjectNode rule = (ObjectNode) m.find("PrometheusRule", "backcare-alerts")
                            .orElseThrow()
                            .at("/spec/groups/1/rules/0");
                    rule.remove("for");
                    rule.remove("labels");
                    rule.remove("annotations");
                }))
                .isEqualTo("prod: PrometheusRule backcare-alerts: alert ConsumerLag needs labels.severity, one of"
                        + " [critical, warning, info]\n"
                        + "prod: PrometheusRule backcare-alerts: alert ConsumerLag needs a `for`: one bad scrape must"
                        + " not page\n"
                        + "prod: PrometheusRule backcare-alerts: alert ConsumerLag needs annotations.summary: what is"
                        + " wrong, for whom");
    }

    @Test
    void tracingWithoutItsEgressIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("NetworkPolicy", "web-tracing-egress")
                                .orElseThrow()
                                .at("/spec/egress/0/ports/0"))
                        .put("port", 4318)))
                .isEqualTo("prod: Deployment web-app: traces to http://otel-collector.monitoring:4317 but its"
                        + " NetworkPolicies do not let it out to namespace monitoring on port 4317: every span would"
                        + " be dropped");
    }

    @Test
    void tracingWithoutAnEndpointIsNamed() {
        String violations = violationsAfter(m -> m.ofKind("ConfigMap")
                .filter(c -> c.path("data").has("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"))
                .forEach(c -> ((ObjectNode) c.get("data")).remove("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")));
        assertThat(violations.lines()).hasSize(4);
        assertThat(violations)
                .contains("prod: Deployment catalog-service: traces (OTEL_SDK_DISABLED=false) but has no"
                        + " QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: it would export to localhost:4317, which nothing"
                        + " answers");
    }

    @Test
    void prodTracesToTheCollector() {
        Manifests prod = Overlays.rendered("prod");
        JsonNode common = prod.ofKind("ConfigMap")
                .filter(c -> c.path("data").has("OTEL_SDK_DISABLED"))
                .findFirst()
                .orElseThrow()
                .get("data");
        assertThat(common.path("OTEL_SDK_DISABLED").asText()).isEqualTo("false");
        assertThat(common.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText())
                .isEqualTo("http://otel-collector.monitoring:4317");
    }

    // --- every metric an alert reads exists ------------------------------------------------------------------------

    /** PromQL's functions, aggregations and keywords: the other identifiers of an expression are metric names. */
    private static final Set<String> PROMQL = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "time",
            "absent",
            "abs",
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "histogram_quantile",
            "clamp_min",
            "clamp_max",
            "topk",
            "bottomk",
            "max_over_time",
            "min_over_time",
            "avg_over_time",
            "predict_linear",
            "changes",
            "resets",
            "label_replace",
            "vector");

    static Set<String> metricsOf(String expression) {
        String bare = expression
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // groupings
        Set<String> metrics = new HashSet<>();
        Matcher identifier = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b").matcher(bare);
        while (identifier.find()) {
            String token = identifier.group();
            if (!PROMQL.contains(token) && !token.matches("\\d.*")) {
                metrics.add(token);
            }
        }
        return metrics;
    }

    /**
     * The Prometheus names of the meters our code registers with Micrometer: dots become underscores, counters get
     * _total (Micrometer's Prometheus naming).
     */
    static Set<String> exportedByOurServices() throws IOException {
        Pattern counter = Pattern.compile("Counter\\.builder\\(\"([^\"]+)\"");
        Pattern gauge = Pattern.compile("(?:registry\\.gauge|Gauge\\.builder)\\(\"([^\"]+)\"");
        Pattern timer = Pattern.compile("Timer\\.builder\\(\"([^\"]+)\"");
        Set<String> names = new HashSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Overlays.PROJECT_ROOT)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/deploy/"))
                    .forEach(sources::add);
        }
        for (Path source : sources) {
            String code = Files.readString(source);
            counter.matcher(code).results().forEach(r -> names.add(prometheus(r.group(1)) + "_total"));
            gauge.matcher(code).results().forEach(r -> names.add(prometheus(r.group(1))));
            timer.matcher(code).results().forEach(r -> {
                names.add(prometheus(r.group(1)) + "_seconds_count");
                names.add(prometheus(r.group(1)) + "_seconds_sum");
            });
        }
        return names;
    }

    private static String prometheus(String meter) {
        return meter.replace('.', '_').replace('-', '_');
    }

    @Test
    void everyMetricAnAlertReadsIsOursOrADocumentedOperatorMetric() throws IOException {
        Set<String> ours = exportedByOurServices();
        assertThat(ours).contains("outbox_pending", "outbox_publish_failures_total", "outbox_published_total");
        Set<String> known = new HashSet<>(ours);
        known.addAll(ObservabilityRules.OPERATOR_METRICS.keySet());
        List<String> read = new ArrayList<>();
        Overlays.rendered("prod").ofKind("PrometheusRule").forEach(rules -> {
            for (JsonNode group : rules.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    read.addAll(metricsOf(rule.path("expr").asText()));
                }
            }
        });
        assertThat(read)
                .isNotEmpty()
                .allSatisfy(metric -> assertThat(known)
                        .as("metric %s: not registered by our code, nor in ObservabilityRules.OPERATOR_METRICS", metric)
                        .contains(metric));
        assertThat(read).contains("outbox_pending", "kafka_consumergroup_lag", "cnpg_pg_stat_archiver_failed_count");
    }

    @Test
    void theMetricNameReaderFindsOnlyMetrics() {
        assertThat(metricsOf("sum by (namespace, pod) (rate(outbox_publish_failures_total[5m])) > 0"))
                .containsExactly("outbox_publish_failures_total");
        assertThat(metricsOf("kubelet_volume_stats_available_bytes{namespace=\"backcare\"}"
                        + " / kubelet_volume_stats_capacity_bytes{namespace=\"backcare\"} < 0.15"))
                .containsExactlyInAnyOrder(
                        "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes");
    }

    @Test
    void keycloakWithoutItsMetricsIsNamed() {
        assertThat(violationsAfter(m -> {
                    ArrayNode options = (ArrayNode) m.find("Keycloak", "backcare-keycloak")
                            .orElseThrow()
                            .at("/spec/additionalOptions");
                    for (int i = options.size() - 1; i >= 0; i--) {
                        if (options.get(i).path("name").asText().equals("metrics-enabled")) {
                            options.remove(i);
                        }
                    }
                }))
                .isEqualTo("prod: Keycloak backcare-keycloak: needs the additional option metrics-enabled=true:"
                        + " without it Keycloak serves no metrics (logins, errors, database pool) on its management"
                        + " port");
    }

    @Test
    void keycloakUnscrapedIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("PodMonitor", "backcare-keycloak")
                                .orElseThrow()
                                .at("/spec/podMetricsEndpoints/0"))
                        .put("port", "http")))
                .startsWith("prod: Keycloak backcare-keycloak: no PodMonitor scrapes its Keycloak instances");
    }
}
