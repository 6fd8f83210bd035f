package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the NetworkPolicies of one rendered install let through, evaluated the way the API server reads them. */
final class NetworkPolicies {

    private final Manifests manifests;

    NetworkPolicies(Manifests manifests) {
        this.manifests = manifests;
    }

    /**
     * Whether the network policies of this namespace let traffic from pods labelled {@code from} to pods labelled
     * {@code to} on a port, as seen from one end: "Egress" by the policies selecting {@code from}, "Ingress" by those
     * selecting {@code to} (here the first argument is the selected end, the second the peer). Pods no policy of that
     * type selects are not isolated. Peers in other namespaces or by address never match.
     */
    boolean allows(String type, Map<String, String> selected, Map<String, String> peer, int port, String name) {
        List<ObjectNode> isolating = manifests
                .ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector"), selected))
                .filter(p -> policyTypes(p).contains(type))
                .toList();
        if (isolating.isEmpty()) {
            return true;
        }
        String rules = type.equals("Ingress") ? "ingress" : "egress";
        String peers = type.equals("Ingress") ? "from" : "to";
        for (ObjectNode policy : isolating) {
            for (JsonNode rule : policy.path("spec").path(rules)) {
                if (!portAllowed(rule.path("ports"), port, name)) {
                    continue;
                }
                if (rule.path(peers).isEmpty()) {
                    return true;
                }
                for (JsonNode candidate : rule.path(peers)) {
                    if (!candidate.has("namespaceSelector")
                            && !candidate.has("ipBlock")
                            && selects(candidate.path("podSelector"), peer)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The policy's types, defaulted as the API server does: Ingress, and Egress when it has egress rules. */
    static List<String> policyTypes(JsonNode policy) {
        List<String> types = new ArrayList<>();
        policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add("Ingress");
            if (policy.path("spec").has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    static boolean portAllowed(JsonNode ports, int port, String name) {
        if (ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            JsonNode allowed = entry.path("port");
            if (allowed.isMissingNode()) {
                return true;
            }
            if (allowed.isInt()
                    && (allowed.asInt() == port
                            || (entry.has("endPort")
                                    && allowed.asInt() <= port
                                    && port <= entry.path("endPort").asInt()))) {
                return true;
            }
            if (allowed.isTextual()
                    && (allowed.asText().equals(name) || allowed.asText().equals(String.valueOf(port)))) {
                return true;
            }
        }
        return false;
    }

    /** The policies whose podSelector selects the pods of this Deployment (or StatefulSet, or pod template). */
    Stream<ObjectNode> selecting(JsonNode workload) {
        Map<String, String> labels = podLabels(workload);
        return manifests
                .ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector"), labels));
    }

    /** The labels of a workload's pod template. */
    static Map<String, String> podLabels(JsonNode workload) {
        Map<String, String> labels = new HashMap<>();
        workload.path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Whether a label selector (matchLabels only; matchExpressions are not used here) selects these labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            return false;
        }
        for (var entry : selector.path("matchLabels").properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
