package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selectors with expressions, and what the NetworkPolicies let through from or to pods of another namespace
 * (the Gateway's proxies, Prometheus, the OpenTelemetry collector), which {@link NetworkPolicies} leaves out.
 * Namespaces are named by their {@code kubernetes.io/metadata.name} label, as the API server sets it.
 */
final class Peers {

    static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    private final Manifests manifests;

    Peers(Manifests manifests) {
        this.manifests = manifests;
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects these labels; an empty one selects all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var entry : selector.path("matchLabels").properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the policies of type {@code type} ("Ingress" or "Egress") that select the pods labelled {@code selected}
     * let traffic through with pods labelled {@code peerPods} in namespace {@code namespace} on a port. Pods no such
     * policy selects are not isolated. An empty {@code peerPods} stands for pods whose labels are not known here: then
     * only a peer without a podSelector (any pod of the namespace) matches.
     */
    boolean allows(
            String type,
            Map<String, String> selected,
            String namespace,
            Map<String, String> peerPods,
            int port,
            String portName) {
        List<ObjectNode> isolating = manifests
                .ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector"), selected))
                .filter(p -> NetworkPolicies.policyTypes(p).contains(type))
                .toList();
        if (isolating.isEmpty()) {
            return true;
        }
        String rules = type.equals("Ingress") ? "ingress" : "egress";
        String peers = type.equals("Ingress") ? "from" : "to";
        for (ObjectNode policy : isolating) {
            for (JsonNode rule : policy.path("spec").path(rules)) {
                if (!NetworkPolicies.portAllowed(rule.path("ports"), port, portName)) {
                    continue;
                }
                if (rule.path(peers).isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.path(peers)) {
                    if (!peer.has("namespaceSelector")) {
                        continue;
                    }
                    Map<String, String> namespaceLabels = Map.of(NAMESPACE_LABEL, namespace);
                    if (!selects(peer.path("namespaceSelector"), namespaceLabels)) {
                        continue;
                    }
                    JsonNode pods = peer.path("podSelector");
                    boolean anyPod = pods.isMissingNode()
                            || (pods.path("matchLabels").isEmpty()
                                    && pods.path("matchExpressions").isEmpty());
                    if (anyPod || (!peerPods.isEmpty() && selects(pods, peerPods))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The labels of an object's metadata. */
    static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new java.util.HashMap<>();
        object.path("metadata")
                .path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
