package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules a rendered overlay must keep beyond its schemas. Every rule answers with a sentence naming the overlay,
 * the object and what to change. The rules for every overlay: probes on the health endpoints, requests and limits,
 * non-root and locked-down containers, pinned images (for the three services and the web app alike), no Secret with
 * data, every Secret a Deployment reads produced by an operator of the overlay, the topics of docs/architecture.md,
 * and a web app that forwards to the services' Services and sends people to Keycloak's public address. For prod also:
 * replicas, autoscaling bounded by the partitions, disruption budgets, topology spread, default-deny network
 * policies, network policies that let the web app reach the services and Keycloak, the web app behind a Gateway
 * with TLS whose address the realm accepts, replicated Kafka (PostgreSQL and storage: StorageRules), and no demo users,
 * password grant or localhost addresses in the realm.
 */
public final class ManifestPolicies {

    /** The topics of docs/architecture.md (as platform/embedded-infra's Topics creates them): name, partitions. */
    public static final Map<String, Integer> TOPICS = Map.of(
            "catalog.exercises", 3,
            "catalog.routines", 3,
            "workout.session-events", 6,
            "workout.session-events.dlq", 6);

    /** The web app's variables naming the services it forwards to, with the browser's calls each one serves. */
    static final Map<String, String> WEB_UPSTREAMS = orderedMap(
            "BACKCARE_WEB_SERVICES_CATALOG", "/api/catalog/...",
            "BACKCARE_WEB_SERVICES_SESSION", "/api/session/...",
            "BACKCARE_WEB_SERVICES_PROGRESS", "/api/progress/...");

    /** The realm's client the web app signs people in with (its quarkus.oidc.client-id). */
    static final String WEB_CLIENT = "workout-app";

    static final Map<String, String> HEALTH = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    /**
     * The production rules kept in classes of their own, one per concern; each runs on the whole prod install.
     * A new group of rules is one more entry here and a test class that breaks each rule.
     */
    private static final List<ProductionRules> PRODUCTION_RULES = List.of(
            new KafkaRules(),
            new PodRules(),
            new StorageRules(),
            new EdgeRules(),
            new ObservabilityRules(),
            new IdentityRules());

    private final Manifests manifests;
    private final NetworkPolicies networkPolicies;
    private final List<String> violations = new ArrayList<>();

    private ManifestPolicies(Manifests manifests) {
        this.manifests = manifests;
        this.networkPolicies = new NetworkPolicies(manifests);
    }

    /** Every violation of the rules for this overlay ("prod" gets the production rules too). */
    public static List<String> check(Manifests manifests) {
        ManifestPolicies policies = new ManifestPolicies(manifests);
        policies.everyOverlay();
        if (manifests.overlay().equals("prod")) {
            policies.production();
            Violations sink = new Violations(manifests.overlay(), policies.violations);
            PRODUCTION_RULES.forEach(rules -> rules.check(manifests, sink));
        }
        return List.copyOf(policies.violations);
    }

    private void violation(JsonNode object, String message) {
        violations.add(manifests.overlay() + ": " + object.path("kind").asText() + " " + name(object) + ": " + message);
    }

    // --- every overlay ----------------------------------------------------------------------------------------------

    private void everyOverlay() {
        if (manifests.serviceDeployments().count() != 3) {
            violations.add(manifests.overlay() + ": expected the Deployments of the three services, found "
                    + manifests.serviceDeployments().map(Manifests::name).toList());
        }
        if (manifests.webDeployments().count() != 1) {
            violations.add(manifests.overlay() + ": expected the Deployment of the web app"
                    + " (app.kubernetes.io/component=web), found "
                    + manifests.webDeployments().map(Manifests::name).toList());
        }
        manifests.workloadDeployments().forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            podSecurity(deployment, pod);
            for (JsonNode container : containers(pod)) {
                probes(deployment, container);
                resources(deployment, container);
                containerSecurity(deployment, container);
                image(deployment, container);
            }
        });
        manifests.ofKind("Secret").forEach(secret -> {
            if (secret.has("data") || secret.has("stringData")) {
                violation(secret, "holds secret data in the manifests; create it in the cluster (deploy/README.md)");
            }
        });
        secretsAreProduced();
        topics();
        issuer();
        identityProviderOrigin();
        webUpstreams();
    }

    /** The web app's sign-in form posts to Keycloak's public address (the Content-Security-Policy's form-action). */
    private void identityProviderOrigin() {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            String origin = origin(
                    keycloak.path("spec").path("hostname").path("hostname").asText());
            manifests.webDeployments().forEach(web -> {
                String configured =
                        env(web, "BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN").orElse("unset");
                if (!configured.equals(origin)) {
                    violation(
                            web,
                            "BACKCARE_WEB_IDENTITY_PROVIDER_ORIGIN is " + configured + " but Keycloak's public address"
                                    + " is " + origin + ": the browser would refuse to post the sign-in form there");
                }
            });
        });
    }

    /** Each service the web app forwards to is a Service of the overlay, on a port of that Service. */
    private void webUpstreams() {
        manifests
                .webDeployments()
                .forEach(web -> WEB_UPSTREAMS.forEach((variable, calls) -> {
                    Optional<String> url = env(web, variable);
                    if (url.isEmpty()) {
                        violation(web, variable + " is not set: the browser's " + calls + " would go nowhere");
                    } else if (upstream(url.get()).isEmpty()) {
                        violation(
                                web,
                                variable + " is " + url.get()
                                        + " but no Service of that name and port leads to a service's"
                                        + " pods: the browser's " + calls + " could not be forwarded");
                    }
                }));
    }

    /** A service the web app forwards to: its Deployment and the container port the Service sends to. */
    private record Upstream(ObjectNode deployment, int port, String portName) {}

    private Optional<Upstream> upstream(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        // catalog-service, or catalog-service.<namespace>.svc...: a Service of this namespace either way
        String serviceName = uri.getHost().split("\\.")[0];
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        Optional<ObjectNode> service = manifests.find("Service", serviceName);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        JsonNode selector = service.get().path("spec").path("selector");
        for (JsonNode servicePort : service.get().path("spec").path("ports")) {
            if (servicePort.path("port").asInt() != port) {
                continue;
            }
            String target = servicePort.path("targetPort").asText(String.valueOf(port));
            for (ObjectNode deployment : manifests.serviceDeployments().toList()) {
                if (selector.isEmpty() || !matches(selector, NetworkPolicies.podLabels(deployment))) {
                    continue;
                }
                for (JsonNode container :
                        containers(deployment.path("spec").path("template").path("spec"))) {
                    for (JsonNode containerPort : container.path("ports")) {
                        String name = containerPort.path("name").asText();
                        int number = containerPort.path("containerPort").asInt();
                        if (target.equals(name) || target.equals(String.valueOf(number))) {
                            return Optional.of(new Upstream(deployment, number, name));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The value of a plain (not valueFrom) environment variable of the Deployment's containers. */
    static Optional<String> env(JsonNode deployment, String variable) {
        for (JsonNode container :
                containers(deployment.path("spec").path("template").path("spec"))) {
            for (JsonNode env : container.path("env")) {
                if (variable.equals(env.path("name").asText()) && env.has("value")) {
                    return Optional.of(env.path("value").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** scheme://host[:port] of an address (Keycloak's hostname may carry a path). */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                return uri.getScheme() + "://" + uri.getRawAuthority();
            }
        } catch (IllegalArgumentException e) {
            // fall through: compared as written
        }
        return url;
    }

    /** The issuer the services accept is the one Keycloak puts in its tokens: its hostname and the realm. */
    private void issuer() {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            String hostname =
                    keycloak.path("spec").path("hostname").path("hostname").asText();
            manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> {
                String expected = hostname + "/realms/"
                        + realmImport.path("spec").path("realm").path("realm").asText();
                manifests
                        .ofKind("ConfigMap")
                        .filter(c -> c.path("data").has("QUARKUS_OIDC_TOKEN_ISSUER"))
                        .forEach(config -> {
                            String issuer = config.path("data")
                                    .path("QUARKUS_OIDC_TOKEN_ISSUER")
                                    .asText();
                            if (!issuer.equals(expected)) {
                                violation(
                                        config,
                                        "QUARKUS_OIDC_TOKEN_ISSUER is " + issuer + " but Keycloak issues tokens as "
                                                + expected + ": every token would be refused");
                            }
                        });
            });
        });
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    private void probes(JsonNode deployment, JsonNode container) {
        HEALTH.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            if (!path.equals(get.path("path").asText())) {
                violation(
                        deployment,
                        "container " + container.path("name").asText() + " needs a " + probe + " on " + path + " (has "
                                + (container.has(probe) ? container.get(probe) : "none") + ")");
            }
        });
    }

    private void resources(JsonNode deployment, JsonNode container) {
        JsonNode resources = container.path("resources");
        for (String required : List.of("requests/cpu", "requests/memory", "limits/memory")) {
            String[] at = required.split("/");
            if (resources.path(at[0]).path(at[1]).asText().isEmpty()) {
                violation(
                        deployment,
                        "container " + container.path("name").asText() + " needs resources." + at[0] + "." + at[1]);
            }
        }
    }

    private void podSecurity(JsonNode deployment, JsonNode pod) {
        JsonNode security = pod.path("securityContext");
        if (!security.path("runAsNonRoot").asBoolean(false)) {
            violation(deployment, "the pod must set securityContext.runAsNonRoot: true");
        }
        if (security.has("runAsUser") && security.path("runAsUser").asLong() == 0) {
            violation(deployment, "the pod must not run as user 0 (root)");
        }
        if (!"RuntimeDefault"
                .equals(security.path("seccompProfile").path("type").asText())) {
            violation(deployment, "the pod must set securityContext.seccompProfile.type: RuntimeDefault");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)
                && manifests
                        .find("ServiceAccount", pod.path("serviceAccountName").asText())
                        .map(sa -> sa.path("automountServiceAccountToken").asBoolean(true))
                        .orElse(true)) {
            violation(
                    deployment, "the service does not call the Kubernetes API: turn off automountServiceAccountToken");
        }
    }

    private void containerSecurity(JsonNode deployment, JsonNode container) {
        String which = "container " + container.path("name").asText();
        JsonNode security = container.path("securityContext");
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            violation(deployment, which + " must set allowPrivilegeEscalation: false");
        }
        if (security.path("privileged").asBoolean(false)) {
            violation(deployment, which + " must not be privileged");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            violation(deployment, which + " must set readOnlyRootFilesystem: true");
        }
        boolean dropsAll = false;
        for (JsonNode capability : security.path("capabilities").path("drop")) {
            dropsAll |= capability.asText().equals("ALL");
        }
        if (!dropsAll || security.path("capabilities").has("add")) {
            violation(deployment, which + " must drop ALL capabilities and add none");
        }
        if (security.has("runAsUser") && security.path("runAsUser").asLong() == 0) {
            violation(deployment, which + " must not run as user 0 (root)");
        }
    }

    private void image(JsonNode deployment, JsonNode container) {
        String image = container.path("image").asText();
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":") && !image.contains("@sha256:")) {
            violation(deployment, "image " + image + " has no tag: pin a version");
        } else if (lastPart.endsWith(":latest")) {
            violation(deployment, "image " + image + " uses :latest: pin a version");
        }
    }

    /** Every Secret a service reads comes from an operator of the overlay (CloudNativePG, Strimzi). */
    private void secretsAreProduced() {
        Set<String> produced = new HashSet<>();
        manifests.ofKind("Cluster").forEach(c -> produced.add(name(c) + "-app"));
        // CloudNativePG's CA of the cluster's server certificate (ca.crt), which the services verify
        manifests.ofKind("Cluster").forEach(c -> produced.add(name(c) + "-ca"));
        manifests.ofKind("KafkaUser").forEach(u -> produced.add(name(u)));
        manifests.ofKind("Kafka").forEach(k -> produced.add(name(k) + "-cluster-ca-cert"));
        manifests.ofKind("Secret").forEach(s -> produced.add(name(s)));
        produced.addAll(IdentityRules.INSTALLER_SECRETS);
        manifests.workloadDeployments().forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : containers(pod)) {
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    String secret = ref.path("name").asText();
                    // an optional Secret is one the operator of the cluster may add (deploy/README.md)
                    if (!secret.isEmpty()
                            && !produced.contains(secret)
                            && !ref.path("optional").asBoolean(false)) {
                        violation(deployment, "reads Secret " + secret + ", which nothing in the overlay produces");
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                String secret = volume.path("secret").path("secretName").asText();
                if (!secret.isEmpty() && !produced.contains(secret)) {
                    violation(deployment, "mounts Secret " + secret + ", which nothing in the overlay produces");
                }
            }
        });
    }

    private void topics() {
        TOPICS.forEach((topic, partitions) -> {
            List<ObjectNode> declared = manifests
                    .ofKind("KafkaTopic")
                    .filter(t -> topic.equals(t.path("spec").path("topicName").asText(name(t))))
                    .toList();
            if (declared.isEmpty()) {
                violations.add(manifests.overlay() + ": no KafkaTopic for " + topic);
            }
            declared.forEach(t -> {
                if (t.path("spec").path("partitions").asInt() != partitions) {
                    violation(
                            t,
                            topic + " needs " + partitions
                                    + " partitions, as docs/architecture.md and the local stack say");
                }
            });
        });
    }

    // --- prod ----------------------------------------------------------------------------------------------------

    private void production() {
        manifests.workloadDeployments().forEach(deployment -> {
            String service = name(deployment);
            if (deployment.path("spec").path("replicas").asInt(1) < 2) {
                violation(deployment, "needs at least 2 replicas in prod");
            }
            if (!deployment
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("topologySpreadConstraints")
                    .isArray()) {
                violation(deployment, "needs topologySpreadConstraints in prod");
            }
            autoscaler(deployment, service);
            disruptionBudget(deployment, service);
            networkPolicy(deployment, service);
        });
        defaultDeny();
        webAppReachesWhatItNeeds();
        webAppBehindTls();
    }

    /** The network policies let the web app reach the services it forwards to and Keycloak, on both ends. */
    private void webAppReachesWhatItNeeds() {
        manifests.webDeployments().forEach(web -> {
            Map<String, String> from = NetworkPolicies.podLabels(web);
            WEB_UPSTREAMS.forEach((variable, calls) -> env(web, variable)
                    .flatMap(this::upstream)
                    .ifPresent(upstream -> {
                        String to = name(upstream.deployment()) + " on port " + upstream.port();
                        Map<String, String> target = NetworkPolicies.podLabels(upstream.deployment());
                        String consequence = ": the browser's " + calls + " could not be forwarded";
                        if (!networkPolicies.allows("Egress", from, target, upstream.port(), upstream.portName())) {
                            violation(web, "its NetworkPolicies do not let it out to " + to + consequence);
                        }
                        if (!networkPolicies.allows("Ingress", target, from, upstream.port(), upstream.portName())) {
                            violation(
                                    web,
                                    "the NetworkPolicies of " + name(upstream.deployment())
                                            + " do not let it in on port " + upstream.port() + consequence);
                        }
                    }));
            manifests.ofKind("Keycloak").forEach(keycloak -> {
                // the operator's labels on Keycloak's pods; its HTTP port (discovery, keys, the token endpoint)
                Map<String, String> target = Map.of(
                        "app", "keycloak",
                        "app.kubernetes.io/instance", name(keycloak),
                        "app.kubernetes.io/managed-by", "keycloak-operator");
                int port = keycloak.path("spec").path("http").path("httpPort").asInt(8080);
                String consequence = ": nobody could sign in";
                if (!networkPolicies.allows("Egress", from, target, port, "http")) {
                    violation(web, "its NetworkPolicies do not let it out to Keycloak on port " + port + consequence);
                }
                if (!networkPolicies.allows("Ingress", target, from, port, "http")) {
                    violation(web, "the NetworkPolicies of Keycloak do not let it in on port " + port + consequence);
                }
            });
        });
    }

    /**
     * The web app is served through an HTTPRoute on an HTTPS listener of a Gateway, at an address the realm's client
     * sends people back to, with
     * secure cookies and the forwarded headers that tell it the address the browser used.
     */
    private void webAppBehindTls() {
        manifests.webDeployments().forEach(web -> {
            if (!"true"
                    .equals(env(web, "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE")
                            .orElse(""))) {
                violation(
                        web,
                        "needs QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE=true in prod: its cookies hold the"
                                + " person's tokens");
            }
            if (!"true"
                    .equals(env(web, "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")
                            .orElse(""))) {
                violation(
                        web,
                        "needs QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true behind the Gateway: it would send"
                                + " Keycloak an http:// address to come back to, which the realm refuses");
            }
            Set<String> services = new HashSet<>();
            manifests
                    .ofKind("Service")
                    .filter(s -> !s.path("spec").path("selector").isEmpty()
                            && matches(s.path("spec").path("selector"), NetworkPolicies.podLabels(web)))
                    .forEach(s -> services.add(name(s)));
            boolean served = false;
            for (ObjectNode route : manifests.ofKind("HTTPRoute").toList()) {
                boolean toWeb = false;
                for (JsonNode rule : route.path("spec").path("rules")) {
                    for (JsonNode backend : rule.path("backendRefs")) {
                        toWeb |= backend.path("kind").asText("Service").equals("Service")
                                && services.contains(backend.path("name").asText());
                    }
                }
                if (!toWeb) {
                    continue;
                }
                served = true;
                for (JsonNode listener : EdgeRules.listenersOf(manifests, route)) {
                    List<String> hosts = EdgeRules.hostsOf(route, listener);
                    String host = hosts.isEmpty() ? "any host" : String.join(", ", hosts);
                    if (!"HTTPS".equals(listener.path("protocol").asText())
                            || listener.path("tls").path("certificateRefs").isEmpty()
                            || hosts.isEmpty()) {
                        violation(
                                route,
                                "serves the web app at " + host + " through listener "
                                        + listener.path("name").asText()
                                        + " without TLS for that host: its cookies are secure-only (attach it to an"
                                        + " HTTPS listener with a certificateRef and a hostname)");
                    } else {
                        hosts.forEach(h -> realmAcceptsWebApp("https://" + h));
                    }
                }
            }
            if (!served) {
                violation(
                        web, "needs an HTTPRoute in prod that routes a host of the Gateway to its Service " + services);
            }
        });
    }

    private void realmAcceptsWebApp(String origin) {
        manifests.ofKind("KeycloakRealmImport").forEach(realmImport -> {
            for (JsonNode client : realmImport.path("spec").path("realm").path("clients")) {
                if (!WEB_CLIENT.equals(client.path("clientId").asText())) {
                    continue;
                }
                List<String> redirects = new ArrayList<>();
                client.path("redirectUris").forEach(u -> redirects.add(u.asText()));
                List<String> logouts = List.of(client.path("attributes")
                        .path("post.logout.redirect.uris")
                        .asText()
                        .split("##"));
                if (redirects.stream().noneMatch(r -> accepts(r, origin + "/login"))) {
                    violation(
                            realmImport,
                            "client " + WEB_CLIENT + " does not send people back to " + origin
                                    + "/login: nobody could sign in to the web app (add " + origin
                                    + "/* to redirectUris)");
                }
                if (logouts.stream().noneMatch(r -> accepts(r, origin + "/"))) {
                    violation(
                            realmImport,
                            "client " + WEB_CLIENT + " does not accept " + origin + "/ after signing" + " out (add "
                                    + origin + "/* to post.logout.redirect.uris)");
                }
            }
        });
    }

    /** Keycloak's matching of a registered address: a trailing * matches any rest, otherwise the address itself. */
    private static boolean accepts(String registered, String address) {
        return registered.endsWith("*")
                ? address.startsWith(registered.substring(0, registered.length() - 1))
                : address.equals(registered);
    }

    private void autoscaler(JsonNode deployment, String service) {
        List<ObjectNode> hpas = manifests
                .ofKind("HorizontalPodAutoscaler")
                .filter(h -> service.equals(
                        h.path("spec").path("scaleTargetRef").path("name").asText()))
                .toList();
        // a KEDA ScaledObject counts: KEDA creates the HPA (KafkaRules checks its bounds)
        boolean scaledByKeda = manifests
                .ofKind("ScaledObject")
                .anyMatch(s -> service.equals(
                        s.path("spec").path("scaleTargetRef").path("name").asText()));
        if (hpas.isEmpty() && !scaledByKeda) {
            violation(deployment, "needs a HorizontalPodAutoscaler (or a KEDA ScaledObject) in prod");
        }
        for (ObjectNode hpa : hpas) {
            if (hpa.path("spec").path("minReplicas").asInt(1) < 2) {
                violation(hpa, "minReplicas must be at least 2 in prod");
            }
            if (service.equals("progress-service")) {
                int partitions = TOPICS.get("workout.session-events");
                if (hpa.path("spec").path("maxReplicas").asInt() > partitions) {
                    violation(
                            hpa,
                            "maxReplicas "
                                    + hpa.path("spec").path("maxReplicas").asInt() + " exceeds the "
                                    + partitions + " partitions of workout.session-events: the extra consumers"
                                    + " would idle");
                }
            }
        }
    }

    private void disruptionBudget(JsonNode deployment, String service) {
        boolean covered = manifests
                .ofKind("PodDisruptionBudget")
                .anyMatch(p -> NetworkPolicies.selects(
                        p.path("spec").path("selector"), NetworkPolicies.podLabels(deployment)));
        if (!covered) {
            violation(deployment, "needs a PodDisruptionBudget selecting its pods in prod");
        }
    }

    private void networkPolicy(JsonNode deployment, String service) {
        boolean ingress =
                policiesSelecting(deployment).anyMatch(p -> p.path("spec").has("ingress"));
        boolean egress =
                policiesSelecting(deployment).anyMatch(p -> p.path("spec").has("egress"));
        if (!ingress || !egress) {
            violation(deployment, "needs NetworkPolicies allowing its ingress and its egress in prod");
        }
    }

    private Stream<ObjectNode> policiesSelecting(JsonNode deployment) {
        Map<String, String> labels = NetworkPolicies.podLabels(deployment);
        return manifests
                .ofKind("NetworkPolicy")
                .filter(p -> NetworkPolicies.selects(p.path("spec").path("podSelector"), labels));
    }

    private void defaultDeny() {
        manifests.workloadDeployments().forEach(deployment -> {
            boolean denies = policiesSelecting(deployment).anyMatch(p -> {
                JsonNode spec = p.path("spec");
                List<String> types = new ArrayList<>();
                spec.path("policyTypes").forEach(t -> types.add(t.asText()));
                return types.containsAll(List.of("Ingress", "Egress"))
                        && spec.path("ingress").isEmpty()
                        && spec.path("egress").isEmpty();
            });
            if (!denies) {
                violation(deployment, "needs a default-deny NetworkPolicy (Ingress and Egress, no rules) in prod");
            }
        });
    }

    // --- selectors -----------------------------------------------------------------------------------------------

    /** Whether a Service's selector (a plain map of labels) selects these labels. */
    private static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
