package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watching prod (docs/observability.md): a ServiceMonitor for every service and the web app, Kafka's metrics (the
 * JMX exporter and the Kafka exporter) and CloudNativePG's scraped by PodMonitors, network policies that let
 * Prometheus in, the alerts of issue 20 (outbox backlog, consumer lag, DLQ growth, disk, WAL archiving and backups)
 * each with a severity, a `for` and a summary, and tracing only together with the egress to its collector.
 */
final class ObservabilityRules implements ProductionRules {

    /** Where Prometheus runs and the label the Prometheus Operator puts on its pods. */
    static final String MONITORING_NAMESPACE = "monitoring";

    static final Map<String, String> PROMETHEUS_PODS = Map.of("app.kubernetes.io/name", "prometheus");

    /**
     * The metrics the alerts may read that are not our services' own: each with the component that exports it. Our
     * own are read from the code (ObservabilityRulesTest).
     */
    static final Map<String, String> OPERATOR_METRICS = orderedMap(
            "kafka_consumergroup_lag", "Kafka exporter (Strimzi spec.kafkaExporter): lag per group, topic, partition",
            "kafka_topic_partition_current_offset", "Kafka exporter: the newest offset of each partition",
            "kubelet_volume_stats_available_bytes", "kubelet (cAdvisor/kubelet scrape of kube-prometheus-stack)",
            "kubelet_volume_stats_capacity_bytes", "kubelet, likewise",
            "cnpg_pg_stat_archiver_failed_count", "CloudNativePG instance exporter (pg_stat_archiver), port 9187",
            "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp",
                    "the Barman Cloud plugin's sidecar on each instance, port 9187 (docs/storage.md)",
            "barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp", "the Barman Cloud plugin, likewise");

    /** The alerts issue 20 asks for: a metric each must read (and, for the DLQ, the topic), with what it watches. */
    static final Map<String, String> REQUIRED_ALERTS = orderedMap(
            "outbox_pending", "the outbox backlog",
            "kafka_consumergroup_lag", "consumer lag",
            "kafka_topic_partition_current_offset{topic=\"workout.session-events.dlq\"", "DLQ growth",
            "kubelet_volume_stats_available_bytes", "disk space on the volumes",
            "cnpg_pg_stat_archiver_failed_count", "WAL archiving failures",
            "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp", "the age of the last backup",
            "barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp", "a failed backup");

    static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    @Override
    public void check(Manifests manifests, Violations violations) {
        Peers peers = new Peers(manifests);
        workloads(manifests, peers, violations);
        kafka(manifests, peers, violations);
        postgres(manifests, peers, violations);
        keycloak(manifests, peers, violations);
        alerts(manifests, violations);
        tracing(manifests, peers, violations);
    }

    /** Each service and the web app: a ServiceMonitor on /q/metrics of its Service's port, and Prometheus let in. */
    private static void workloads(Manifests manifests, Peers peers, Violations violations) {
        manifests.workloadDeployments().forEach(deployment -> {
            Map<String, String> pods = NetworkPolicies.podLabels(deployment);
            for (ObjectNode service : manifests.ofKind("Service").toList()) {
                JsonNode selector = service.path("spec").path("selector");
                if (selector.isEmpty() || !Peers.selects(wrap(selector), pods)) {
                    continue;
                }
                for (JsonNode port : service.path("spec").path("ports")) {
                    String portName = port.path("name").asText();
                    boolean monitored = manifests
                            .ofKind("ServiceMonitor")
                            .filter(m -> Peers.selects(m.path("spec").path("selector"), Peers.labels(service)))
                            .anyMatch(m -> endpoint(m.path("spec").path("endpoints"), portName, "/q/metrics"));
                    if (!monitored) {
                        violations.of(
                                service,
                                "no ServiceMonitor scrapes /q/metrics on its port " + portName
                                        + ": add one selecting its labels to monitoring.yaml");
                    }
                    int number = port.path("port").asInt();
                    if (!peers.allows("Ingress", pods, MONITORING_NAMESPACE, PROMETHEUS_PODS, number, portName)) {
                        violations.of(
                                deployment,
                                "its NetworkPolicies do not let Prometheus (namespace " + MONITORING_NAMESPACE
                                        + ", pods app.kubernetes.io/name=prometheus) in on port " + number
                                        + ": its metrics would go unseen");
                    }
                }
            }
        });
    }

    /** Kafka: the JMX exporter (with its rules in a ConfigMap of the overlay), the Kafka exporter, both scraped. */
    private static void kafka(Manifests manifests, Peers peers, Violations violations) {
        manifests.ofKind("Kafka").forEach(kafka -> {
            String cluster = name(kafka);
            JsonNode metrics = kafka.path("spec").path("kafka").path("metricsConfig");
            if (!"jmxPrometheusExporter".equals(metrics.path("type").asText())) {
                violations.of(
                        kafka,
                        "needs spec.kafka.metricsConfig of type jmxPrometheusExporter in prod (kafka-metrics-patch.yaml):"
                                + " the brokers' and controllers' health would go unseen");
            } else {
                JsonNode ref = metrics.path("valueFrom").path("configMapKeyRef");
                boolean present = manifests
                        .find("ConfigMap", ref.path("name").asText())
                        .map(c -> c.path("data").has(ref.path("key").asText()))
                        .orElse(false);
                if (!present) {
                    violations.of(
                            kafka,
                            "its metricsConfig reads key " + ref.path("key").asText() + " of ConfigMap "
                                    + ref.path("name").asText() + ", which the overlay does not have");
                }
            }
            if (!kafka.path("spec").has("kafkaExporter")) {
                violations.of(
                        kafka, "needs spec.kafkaExporter in prod: consumer lag and the DLQ's offsets come from it");
            }
            Map<String, String> common = Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka");
            scraped(
                    manifests,
                    peers,
                    violations,
                    kafka,
                    with(common, "strimzi.io/name", cluster + "-kafka"),
                    "tcp-prometheus",
                    9404,
                    "Kafka's brokers and controllers");
            scraped(
                    manifests,
                    peers,
                    violations,
                    kafka,
                    with(common, "strimzi.io/name", cluster + "-kafka-exporter"),
                    "tcp-prometheus",
                    9404,
                    "the Kafka exporter");
        });
    }

    /** CloudNativePG: each Cluster's instances scraped on the port metrics (9187). */
    private static void postgres(Manifests manifests, Peers peers, Violations violations) {
        manifests
                .ofKind("Cluster")
                .forEach(cluster -> scraped(
                        manifests,
                        peers,
                        violations,
                        cluster,
                        Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance"),
                        "metrics",
                        9187,
                        "its PostgreSQL instances"));
    }

    /** Keycloak's metrics: on only with its metrics-enabled option, served on the management port (9000). */
    private static void keycloak(Manifests manifests, Peers peers, Violations violations) {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            boolean enabled = false;
            for (JsonNode option : keycloak.path("spec").path("additionalOptions")) {
                enabled |= option.path("name").asText().equals("metrics-enabled")
                        && option.path("value").asText().equals("true");
            }
            if (!enabled) {
                violations.of(
                        keycloak,
                        "needs the additional option metrics-enabled=true: without it Keycloak serves no metrics"
                                + " (logins, errors, database pool) on its management port");
            }
            scraped(
                    manifests,
                    peers,
                    violations,
                    keycloak,
                    Map.of("app", "keycloak", "app.kubernetes.io/instance", name(keycloak)),
                    "management",
                    9000,
                    "its Keycloak instances");
        });
    }

    private static void scraped(
            Manifests manifests,
            Peers peers,
            Violations violations,
            ObjectNode owner,
            Map<String, String> pods,
            String portName,
            int port,
            String what) {
        boolean monitored = manifests
                .ofKind("PodMonitor")
                .filter(m -> Peers.selects(m.path("spec").path("selector"), pods))
                .anyMatch(m -> endpoint(m.path("spec").path("podMetricsEndpoints"), portName, null));
        if (!monitored) {
            violations.of(
                    owner,
                    "no PodMonitor scrapes " + what + " (pods " + pods + ") on port " + portName
                            + ": add one to monitoring.yaml");
        }
        if (!peers.allows("Ingress", pods, MONITORING_NAMESPACE, PROMETHEUS_PODS, port, portName)) {
            violations.of(
                    owner,
                    "the NetworkPolicies do not let Prometheus (namespace " + MONITORING_NAMESPACE + ") reach " + what
                            + " on port " + port);
        }
    }

    private static boolean endpoint(JsonNode endpoints, String port, String path) {
        for (JsonNode endpoint : endpoints) {
            if (port.equals(endpoint.path("port").asText())
                    && (path == null || path.equals(endpoint.path("path").asText("/metrics")))) {
                return true;
            }
        }
        return false;
    }

    /** Every alert of issue 20 is there, and every alert has a severity, a `for` and a summary. */
    private static void alerts(Manifests manifests, Violations violations) {
        List<String> expressions = new ArrayList<>();
        manifests.ofKind("PrometheusRule").forEach(rules -> {
            for (JsonNode group : rules.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.has("alert")) {
                        continue;
                    }
                    String alert = rule.path("alert").asText();
                    expressions.add(rule.path("expr").asText().replace(" ", ""));
                    if (!SEVERITIES.contains(
                            rule.path("labels").path("severity").asText())) {
                        violations.of(rules, "alert " + alert + " needs labels.severity, one of " + SEVERITIES);
                    }
                    if (rule.path("for").asText().isEmpty()) {
                        violations.of(rules, "alert " + alert + " needs a `for`: one bad scrape must not page");
                    }
                    if (rule.path("annotations").path("summary").asText().isEmpty()) {
                        violations.of(rules, "alert " + alert + " needs annotations.summary: what is wrong, for whom");
                    }
                }
            }
        });
        REQUIRED_ALERTS.forEach((metric, what) -> {
            if (expressions.stream().noneMatch(e -> e.contains(metric.replace(" ", "")))) {
                violations.of("no PrometheusRule alerts on " + what + " (an alert reading " + metric
                        + "): add it to monitoring.yaml");
            }
        });
    }

    /** Tracing on (OTEL_SDK_DISABLED=false) needs an OTLP endpoint and the egress to it. */
    private static void tracing(Manifests manifests, Peers peers, Violations violations) {
        manifests.workloadDeployments().forEach(deployment -> {
            if (!"false"
                    .equals(variable(manifests, deployment, "OTEL_SDK_DISABLED").orElse("true"))) {
                return;
            }
            Optional<String> endpoint = variable(manifests, deployment, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")
                    .or(() -> variable(manifests, deployment, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            if (endpoint.isEmpty()) {
                violations.of(
                        deployment,
                        "traces (OTEL_SDK_DISABLED=false) but has no QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: it would"
                                + " export to localhost:4317, which nothing answers");
                return;
            }
            URI uri = URI.create(endpoint.get());
            String[] host = String.valueOf(uri.getHost()).split("\\.");
            String namespace = host.length > 1 ? host[1] : "(this namespace)";
            int port = uri.getPort() != -1 ? uri.getPort() : 4317;
            if (!peers.allows(
                    "Egress", NetworkPolicies.podLabels(deployment), namespace, Map.of(), port, "otlp-grpc")) {
                violations.of(
                        deployment,
                        "traces to " + endpoint.get() + " but its NetworkPolicies do not let it out to namespace "
                                + namespace + " on port " + port + ": every span would be dropped");
            }
        });
    }

    /** A variable of the Deployment's first container: its env, else a ConfigMap of its envFrom. */
    static Optional<String> variable(Manifests manifests, JsonNode deployment, String variable) {
        Optional<String> direct = ManifestPolicies.env(deployment, variable);
        if (direct.isPresent()) {
            return direct;
        }
        for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
            for (JsonNode from : container.path("envFrom")) {
                String configMap = from.path("configMapRef").path("name").asText();
                Optional<String> value = manifests
                        .find("ConfigMap", configMap)
                        .map(c -> c.path("data").path(variable))
                        .filter(v -> !v.isMissingNode())
                        .map(JsonNode::asText);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode wrap(JsonNode plainSelector) {
        ObjectNode selector = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        selector.set("matchLabels", plainSelector.deepCopy());
        return selector;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
