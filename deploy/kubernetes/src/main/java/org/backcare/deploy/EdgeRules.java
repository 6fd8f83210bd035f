package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge in prod (docs/edge.md): the Gateway API instead of an Ingress (ingress-nginx was retired in March 2026).
 * A Gateway with a class, HTTPS listeners that terminate TLS with a certificate, plain HTTP only redirecting to
 * https; HTTPRoutes that lead to real Services and ports, set X-Forwarded-Proto, and expose of Keycloak only
 * /realms and /resources (never /admin); and network policies that let the Gateway's proxies reach every backend.
 * (The web app's own route, TLS and realm addresses: ManifestPolicies' webAppBehindTls.)
 */
final class EdgeRules implements ProductionRules {

    /** The namespace the Gateway's proxies run in (network-policies.yaml; set it to your implementation's). */
    static final String GATEWAY_NAMESPACE = "gateway-system";

    /** What of Keycloak may be public: the realms' endpoints and pages, and the pages' static resources. */
    static final List<String> KEYCLOAK_PUBLIC_PREFIXES = List.of("/realms", "/resources");

    @Override
    public void check(Manifests manifests, Violations violations) {
        manifests
                .ofKind("Ingress")
                .forEach(ingress -> violations.of(
                        ingress,
                        "an Ingress in prod: ingress-nginx was retired in March 2026; route it with an HTTPRoute on"
                                + " the Gateway (routes.yaml)"));
        List<ObjectNode> gateways = manifests.ofKind("Gateway").toList();
        if (gateways.isEmpty()) {
            violations.of("no Gateway (gateway.networking.k8s.io/v1): nothing would receive the public traffic; add"
                    + " one to routes.yaml");
        }
        gateways.forEach(gateway -> gateway(gateway, violations));
        Peers peers = new Peers(manifests);
        for (ObjectNode route : manifests.ofKind("HTTPRoute").toList()) {
            List<JsonNode> listeners = listenersOf(manifests, route);
            if (listeners.isEmpty()) {
                violations.of(route, "is attached to no listener of a Gateway of the overlay (parentRefs)");
            }
            boolean plainHttp = listeners.stream()
                    .anyMatch(l -> "HTTP".equals(l.path("protocol").asText()));
            for (JsonNode rule : route.path("spec").path("rules")) {
                if (plainHttp && !redirectsToHttps(rule)) {
                    violations.of(
                            route,
                            "is attached to a plain HTTP listener and serves " + paths(rule)
                                    + " in the clear: on HTTP, only redirect to https (RequestRedirect scheme https)");
                }
                if (!rule.path("backendRefs").isEmpty() && !setsForwardedProto(rule)) {
                    violations.of(
                            route,
                            "does not set X-Forwarded-Proto: https for " + paths(rule)
                                    + " (RequestHeaderModifier set): the pods would build http:// addresses");
                }
                for (JsonNode backend : rule.path("backendRefs")) {
                    backend(manifests, peers, route, rule, backend, violations);
                }
            }
        }
    }

    private static void gateway(ObjectNode gateway, Violations violations) {
        if (gateway.path("spec").path("gatewayClassName").asText().isEmpty()) {
            violations.of(gateway, "needs spec.gatewayClassName: your cluster's GatewayClass");
        }
        boolean https = false;
        for (JsonNode listener : gateway.path("spec").path("listeners")) {
            String protocol = listener.path("protocol").asText();
            String which = "listener " + listener.path("name").asText();
            if (protocol.equals("HTTPS")) {
                https = true;
                if (!listener.path("tls").path("mode").asText("Terminate").equals("Terminate")
                        || listener.path("tls").path("certificateRefs").isEmpty()) {
                    violations.of(
                            gateway,
                            which + " must terminate TLS with a certificate (tls.mode Terminate, certificateRefs to"
                                    + " the TLS Secret of "
                                    + listener.path("hostname").asText("its host") + ")");
                }
                if (listener.path("hostname").asText().isEmpty()) {
                    violations.of(gateway, which + " needs a hostname: its certificate is for one host");
                }
            } else if (!protocol.equals("HTTP")) {
                violations.of(gateway, which + " has protocol " + protocol + ": only HTTPS, and HTTP redirecting");
            }
        }
        if (!https) {
            violations.of(gateway, "has no HTTPS listener: the cookies are secure-only and the realm wants https");
        }
    }

    /** Each backend is a Service of the overlay (or Keycloak's) on one of its ports, and the Gateway may reach it. */
    private static void backend(
            Manifests manifests,
            Peers peers,
            ObjectNode route,
            JsonNode rule,
            JsonNode backend,
            Violations violations) {
        String service = backend.path("name").asText();
        int port = backend.path("port").asInt();
        Optional<ObjectNode> keycloak = manifests
                .ofKind("Keycloak")
                .filter(k -> (name(k) + "-service").equals(service))
                .findFirst();
        if (keycloak.isPresent()) {
            keycloakRoute(route, rule, violations);
            int httpPort =
                    keycloak.get().path("spec").path("http").path("httpPort").asInt(8080);
            if (port != httpPort) {
                violations.of(
                        route,
                        "sends Keycloak's traffic to port " + port + " of " + service + ": its HTTP port is "
                                + httpPort);
            }
            Map<String, String> pods = Map.of(
                    "app", "keycloak",
                    "app.kubernetes.io/instance", name(keycloak.get()),
                    "app.kubernetes.io/managed-by", "keycloak-operator");
            if (!peers.allows("Ingress", pods, GATEWAY_NAMESPACE, Map.of(), httpPort, "http")) {
                violations.of(
                        keycloak.get(),
                        "the NetworkPolicies of Keycloak do not let the Gateway (namespace " + GATEWAY_NAMESPACE
                                + ") in on port " + httpPort + ": nobody could sign in");
            }
            return;
        }
        Optional<ObjectNode> found = manifests.find("Service", service);
        if (found.isEmpty()) {
            violations.of(route, "sends " + paths(rule) + " to Service " + service + ", which is not in the overlay");
            return;
        }
        JsonNode servicePort = null;
        for (JsonNode p : found.get().path("spec").path("ports")) {
            if (p.path("port").asInt() == port) {
                servicePort = p;
            }
        }
        if (servicePort == null) {
            violations.of(
                    route,
                    "sends " + paths(rule) + " to port " + port + " of Service " + service
                            + ", which has no such port");
            return;
        }
        String target = servicePort.path("targetPort").asText(String.valueOf(port));
        JsonNode selector = found.get().path("spec").path("selector");
        for (ObjectNode deployment : manifests.ofKind("Deployment").toList()) {
            Map<String, String> labels = NetworkPolicies.podLabels(deployment);
            if (selector.isEmpty() || !selectsAll(selector, labels)) {
                continue;
            }
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                for (JsonNode containerPort : container.path("ports")) {
                    String portName = containerPort.path("name").asText();
                    int number = containerPort.path("containerPort").asInt();
                    if ((target.equals(portName) || target.equals(String.valueOf(number)))
                            && !peers.allows("Ingress", labels, GATEWAY_NAMESPACE, Map.of(), number, portName)) {
                        violations.of(
                                deployment,
                                "its NetworkPolicies do not let the Gateway (namespace " + GATEWAY_NAMESPACE
                                        + ") in on port " + number + ": " + paths(rule) + " of HTTPRoute "
                                        + name(route) + " would time out");
                    }
                }
            }
        }
    }

    /** Of Keycloak only /realms/... and /resources/... may be public: never /admin, never everything. */
    private static void keycloakRoute(ObjectNode route, JsonNode rule, Violations violations) {
        if (rule.path("matches").isEmpty()) {
            violations.of(
                    route,
                    "sends every path of Keycloak's host to Keycloak, /admin included: match only "
                            + KEYCLOAK_PUBLIC_PREFIXES);
        }
        for (JsonNode match : rule.path("matches")) {
            String type = match.path("path").path("type").asText("PathPrefix");
            String value = match.path("path").path("value").asText("/");
            String normalized =
                    value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value;
            boolean allowed = (type.equals("PathPrefix") || type.equals("Exact"))
                    && KEYCLOAK_PUBLIC_PREFIXES.stream()
                            .anyMatch(p -> normalized.equals(p) || normalized.startsWith(p + "/"));
            if (!allowed) {
                violations.of(
                        route,
                        "exposes " + type + " " + value + " of Keycloak: only " + KEYCLOAK_PUBLIC_PREFIXES
                                + " may be public (never /admin, the console and the admin API)");
            }
        }
    }

    private static boolean redirectsToHttps(JsonNode rule) {
        if (!rule.path("backendRefs").isEmpty()) {
            return false;
        }
        for (JsonNode filter : rule.path("filters")) {
            if ("RequestRedirect".equals(filter.path("type").asText())
                    && "https"
                            .equals(filter.path("requestRedirect")
                                    .path("scheme")
                                    .asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean setsForwardedProto(JsonNode rule) {
        for (JsonNode filter : rule.path("filters")) {
            for (JsonNode header : filter.path("requestHeaderModifier").path("set")) {
                if (header.path("name").asText().equalsIgnoreCase("X-Forwarded-Proto")
                        && header.path("value").asText().equals("https")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String paths(JsonNode rule) {
        List<String> paths = new ArrayList<>();
        rule.path("matches").forEach(m -> paths.add(m.path("path").path("value").asText("/")));
        return paths.isEmpty() ? "every path" : String.join(", ", paths);
    }

    private static boolean selectsAll(JsonNode selector, Map<String, String> labels) {
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The listeners of the overlay's Gateways a route attaches to (a parentRef without sectionName: all of them). */
    static List<JsonNode> listenersOf(Manifests manifests, JsonNode route) {
        List<JsonNode> listeners = new ArrayList<>();
        for (JsonNode parent : route.path("spec").path("parentRefs")) {
            if (!parent.path("kind").asText("Gateway").equals("Gateway") || parent.has("namespace")) {
                continue;
            }
            manifests.find("Gateway", parent.path("name").asText()).ifPresent(gateway -> {
                for (JsonNode listener : gateway.path("spec").path("listeners")) {
                    if (!parent.has("sectionName")
                            || parent.path("sectionName")
                                    .asText()
                                    .equals(listener.path("name").asText())) {
                        listeners.add(listener);
                    }
                }
            });
        }
        return listeners;
    }

    /** The hosts a route answers on a listener: its hostnames, or the listener's when it names none. */
    static List<String> hostsOf(JsonNode route, JsonNode listener) {
        List<String> hosts = new ArrayList<>();
        route.path("spec").path("hostnames").forEach(h -> hosts.add(h.asText()));
        String listenerHost = listener.path("hostname").asText();
        if (hosts.isEmpty()) {
            return listenerHost.isEmpty() ? List.of() : List.of(listenerHost);
        }
        return hosts.stream()
                .filter(h -> listenerHost.isEmpty()
                        || listenerHost.equals(h)
                        || (listenerHost.startsWith("*.") && h.endsWith(listenerHost.substring(1))))
                .toList();
    }
}
