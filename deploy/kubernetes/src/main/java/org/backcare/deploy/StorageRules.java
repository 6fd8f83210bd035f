package org.backcare.deploy;

import static org.backcare.deploy.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL, storage and deletion safety in prod (docs/storage.md): every volume of class {@value #STORAGE_CLASS}
 * (reclaimPolicy Retain), Kafka's volumes kept when their claims' owners go, the stateful objects protected from
 * GitOps pruning and kept out of the apps overlay, 3 PostgreSQL instances spread over hosts and zones with their
 * PodDisruptionBudgets, WAL on its own volume and archived through the Barman Cloud plugin, an immediate and daily
 * base backup, and the services' JDBC connections verifying the server against CloudNativePG's CA.
 */
final class StorageRules implements ProductionRules {

    /** The StorageClass of every volume that holds data (overlays/prod-foundation/storage-class.yaml). */
    static final String STORAGE_CLASS = "backcare-retain";

    /** The Barman Cloud plugin's name in a Cluster's spec.plugins and a ScheduledBackup's pluginConfiguration. */
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

    /** Kinds whose deletion loses data or credentials: they live in overlays/prod-foundation only. */
    static final Set<String> STATEFUL_KINDS = Set.of(
            "Namespace",
            "StorageClass",
            "PersistentVolumeClaim",
            "Cluster",
            "ObjectStore",
            "ScheduledBackup",
            "Backup",
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "KafkaUser");

    private static final String HOST_KEY = "kubernetes.io/hostname";
    private static final String ZONE_KEY = "topology.kubernetes.io/zone";

    @Override
    public void check(Manifests manifests, Violations violations) {
        storageClass(manifests, violations);
        postgres(manifests, violations);
        kafkaVolumes(manifests, violations);
        manifests.ofKind("PersistentVolumeClaim").forEach(pvc -> {
            String storageClass = pvc.path("spec").path("storageClassName").asText("");
            if (!STORAGE_CLASS.equals(storageClass)) {
                violations.of(pvc, "storageClassName is '" + storageClass + "': use " + STORAGE_CLASS);
            }
        });
        gitOpsKeepsTheData(manifests, violations);
        jdbc(manifests, violations);
    }

    /**
     * What the apps overlay alone (overlays/prod, rendered as "prod-apps") must not hold: anything stateful, so that
     * {@code kubectl delete -k overlays/prod} or a prune of the apps deletes no data.
     */
    static List<String> statefulInApps(Manifests apps) {
        List<String> found = new ArrayList<>();
        Violations violations = new Violations(apps.overlay(), found);
        apps.objects().stream()
                .filter(o -> STATEFUL_KINDS.contains(o.path("kind").asText()))
                .forEach(o -> violations.of(
                        o,
                        "is stateful and belongs in overlays/prod-foundation: deleting or pruning the apps overlay"
                                + " would delete it"));
        return List.copyOf(found);
    }

    /**
     * A restore (restore/*): each Cluster bootstrapped by recovery reads, through the Barman Cloud plugin, an
     * ObjectStore of the prod install and the folder a prod Cluster archives to, and archives nothing into that
     * folder itself.
     */
    static List<String> restore(Manifests restore, Manifests prod) {
        List<String> found = new ArrayList<>();
        Violations violations = new Violations(restore.overlay(), found);
        Map<String, String> archives = new LinkedHashMap<>();
        prod.ofKind("Cluster").forEach(c -> archiver(c).ifPresent(p -> archives.put(serverName(c, p), storeOf(p))));
        restore.ofKind("Cluster").forEach(cluster -> {
            JsonNode recovery = cluster.path("spec").path("bootstrap").path("recovery");
            if (recovery.isMissingNode()) {
                violations.of(cluster, "is not bootstrapped from a backup (spec.bootstrap.recovery)");
                return;
            }
            String source = recovery.path("source").asText();
            JsonNode external = null;
            for (JsonNode e : cluster.path("spec").path("externalClusters")) {
                if (source.equals(e.path("name").asText())) {
                    external = e;
                }
            }
            if (external == null
                    || !BARMAN_PLUGIN.equals(
                            external.path("plugin").path("name").asText())) {
                violations.of(
                        cluster,
                        "recovers from '" + source + "', which is no externalCluster read through the " + BARMAN_PLUGIN
                                + " plugin");
                return;
            }
            JsonNode parameters = external.path("plugin").path("parameters");
            String store = parameters.path("barmanObjectName").asText();
            String server = parameters.path("serverName").asText(source);
            if (prod.find("ObjectStore", store).isEmpty()) {
                violations.of(cluster, "reads ObjectStore '" + store + "', which the prod install does not have");
            } else if (!store.equals(archives.get(server))) {
                violations.of(
                        cluster,
                        "reads folder '" + server + "' of ObjectStore " + store + ", where no prod Cluster archives"
                                + " (archives: " + archives + ")");
            }
            archiver(cluster).ifPresent(p -> {
                if (serverName(cluster, p).equals(server) && storeOf(p).equals(store)) {
                    violations.of(
                            cluster,
                            "archives into the folder it recovers from (" + server + "): give it a serverName of"
                                    + " its own");
                }
            });
        });
        return List.copyOf(found);
    }

    // --- storage ---------------------------------------------------------------------------------------------------

    private static void storageClass(Manifests manifests, Violations violations) {
        Optional<ObjectNode> found = manifests.find("StorageClass", STORAGE_CLASS);
        if (found.isEmpty()) {
            violations.of("needs the StorageClass " + STORAGE_CLASS + " with reclaimPolicy: Retain"
                    + " (overlays/prod-foundation/storage-class.yaml)");
            return;
        }
        ObjectNode storageClass = found.get();
        if (!"Retain".equals(storageClass.path("reclaimPolicy").asText())) {
            violations.of(
                    storageClass,
                    "reclaimPolicy must be Retain (is "
                            + storageClass.path("reclaimPolicy").asText("Delete")
                            + "): a deleted claim would take its volume and the data with it");
        }
        if (!storageClass.path("allowVolumeExpansion").asBoolean(false)) {
            violations.of(storageClass, "needs allowVolumeExpansion: true: a full database volume must grow in place");
        }
    }

    private static void kafkaVolumes(Manifests manifests, Violations violations) {
        manifests
                .ofKind("KafkaNodePool")
                .forEach(pool -> volumes(pool, pool.path("spec").path("storage"), violations));
        manifests
                .ofKind("Kafka")
                .filter(k -> k.path("spec").path("kafka").has("storage"))
                .forEach(k -> volumes(k, k.path("spec").path("kafka").path("storage"), violations));
    }

    private static void volumes(JsonNode owner, JsonNode storage, Violations violations) {
        List<JsonNode> volumes = new ArrayList<>();
        if ("jbod".equals(storage.path("type").asText())) {
            storage.path("volumes").forEach(volumes::add);
        } else if (!storage.isMissingNode()) {
            volumes.add(storage);
        }
        for (JsonNode volume : volumes) {
            String which = "volume " + volume.path("id").asText("0");
            if (!"persistent-claim".equals(volume.path("type").asText())) {
                violations.of(
                        owner,
                        which + " is " + volume.path("type").asText() + ": Kafka's logs need a persistent-claim volume"
                                + " in prod");
                continue;
            }
            if (!STORAGE_CLASS.equals(volume.path("class").asText())) {
                violations.of(
                        owner,
                        which + " has class '" + volume.path("class").asText() + "': use " + STORAGE_CLASS
                                + " (reclaimPolicy Retain)");
            }
            if (volume.path("deleteClaim").asBoolean(false)) {
                violations.of(
                        owner,
                        which + " has deleteClaim: true: deleting the node pool would delete Kafka's logs (set it"
                                + " to false)");
            }
        }
    }

    private static void gitOpsKeepsTheData(Manifests manifests, Violations violations) {
        manifests.objects().stream()
                .filter(o -> STATEFUL_KINDS.contains(o.path("kind").asText()))
                .forEach(o -> {
                    JsonNode annotations = o.path("metadata").path("annotations");
                    List<String> options = new ArrayList<>();
                    for (String option :
                            annotations.path(ARGO_SYNC_OPTIONS).asText().split(",")) {
                        options.add(option.trim());
                    }
                    boolean argo = options.contains("Prune=false") && options.contains("Delete=false");
                    boolean flux =
                            "disabled".equals(annotations.path(FLUX_PRUNE).asText());
                    if (!argo || !flux) {
                        violations.of(
                                o,
                                "is stateful: annotate it " + ARGO_SYNC_OPTIONS + ": Prune=false,Delete=false and "
                                        + FLUX_PRUNE + ": disabled, or a GitOps prune deletes it"
                                        + " (overlays/prod-foundation)");
                    }
                });
    }

    // --- PostgreSQL ------------------------------------------------------------------------------------------------

    private static void postgres(Manifests manifests, Violations violations) {
        Map<String, List<ObjectNode>> scheduled = new LinkedHashMap<>();
        manifests.ofKind("ScheduledBackup").forEach(backup -> {
            scheduled
                    .computeIfAbsent(
                            backup.path("spec").path("cluster").path("name").asText(), c -> new ArrayList<>())
                    .add(backup);
            if (!"plugin".equals(backup.path("spec").path("method").asText())
                    || !BARMAN_PLUGIN.equals(backup.path("spec")
                            .path("pluginConfiguration")
                            .path("name")
                            .asText())) {
                violations.of(
                        backup,
                        "takes its backups with method '"
                                + backup.path("spec").path("method").asText("barmanObjectStore")
                                + "': use method: plugin with pluginConfiguration.name " + BARMAN_PLUGIN);
            }
            if (!backup.path("spec").path("immediate").asBoolean(false)) {
                violations.of(
                        backup,
                        "needs immediate: true: until the first base backup nothing can be restored, and without it"
                                + " that waits for the schedule");
            }
        });
        manifests.ofKind("Cluster").forEach(cluster -> {
            JsonNode spec = cluster.path("spec");
            if (spec.path("instances").asInt() < 3) {
                violations.of(cluster, "needs 3 instances (a primary and two replicas) in prod");
            }
            if (spec.path("backup").has("barmanObjectStore")) {
                violations.of(
                        cluster,
                        "uses spec.backup.barmanObjectStore, which CloudNativePG deprecates: archive through the "
                                + BARMAN_PLUGIN + " plugin (spec.plugins, isWALArchiver) and an ObjectStore");
            }
            Optional<JsonNode> archiver = archiver(cluster);
            if (archiver.isEmpty()) {
                violations.of(
                        cluster,
                        "needs WAL archiving in prod: spec.plugins with " + BARMAN_PLUGIN + ", isWALArchiver: true"
                                + " and parameters.barmanObjectName naming an ObjectStore");
            } else if (manifests.find("ObjectStore", storeOf(archiver.get())).isEmpty()) {
                violations.of(
                        cluster,
                        "archives to ObjectStore '" + storeOf(archiver.get()) + "', which the install does not have");
            }
            if (!scheduled.containsKey(name(cluster))) {
                violations.of(cluster, "needs a ScheduledBackup in prod");
            }
            if (!spec.has("walStorage")) {
                violations.of(
                        cluster, "needs spec.walStorage in prod: WAL on a volume of its own, apart from the data");
            }
            for (String volume : List.of("storage", "walStorage")) {
                String storageClass = spec.path(volume).path("storageClass").asText("");
                if (spec.has(volume) && !STORAGE_CLASS.equals(storageClass)) {
                    violations.of(
                            cluster,
                            "spec." + volume + ".storageClass is '" + storageClass + "': use " + STORAGE_CLASS
                                    + " (reclaimPolicy Retain)");
                }
            }
            JsonNode affinity = spec.path("affinity");
            if (!affinity.path("enablePodAntiAffinity").asBoolean(true)
                    || !"required".equals(affinity.path("podAntiAffinityType").asText())
                    || !HOST_KEY.equals(affinity.path("topologyKey").asText(HOST_KEY))) {
                violations.of(
                        cluster,
                        "needs affinity.podAntiAffinityType: required over " + HOST_KEY + " in prod: two instances"
                                + " on one node fall together");
            }
            boolean zones = false;
            for (JsonNode constraint : spec.path("topologySpreadConstraints")) {
                zones |= ZONE_KEY.equals(constraint.path("topologyKey").asText());
            }
            if (!zones) {
                violations.of(
                        cluster,
                        "needs a topologySpreadConstraint over " + ZONE_KEY + " in prod: its instances would"
                                + " share a zone's outage");
            }
            if (!spec.path("enablePDB").asBoolean(true)) {
                violations.of(
                        cluster,
                        "sets enablePDB: false: CloudNativePG's PodDisruptionBudgets keep a node drain from taking"
                                + " the primary and a replica at once");
            }
        });
    }

    private static Optional<JsonNode> archiver(JsonNode cluster) {
        for (JsonNode plugin : cluster.path("spec").path("plugins")) {
            if (BARMAN_PLUGIN.equals(plugin.path("name").asText())
                    && plugin.path("isWALArchiver").asBoolean(false)
                    && plugin.path("enabled").asBoolean(true)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    private static String storeOf(JsonNode plugin) {
        return plugin.path("parameters").path("barmanObjectName").asText();
    }

    /** The folder of the object store a cluster archives to: the plugin's serverName, else the Cluster's name. */
    private static String serverName(JsonNode cluster, JsonNode plugin) {
        return plugin.path("parameters").path("serverName").asText(name(cluster));
    }

    // --- JDBC ------------------------------------------------------------------------------------------------------

    private static final String JDBC_URL = "QUARKUS_DATASOURCE_JDBC_URL";

    private static void jdbc(Manifests manifests, Violations violations) {
        manifests.workloadDeployments().forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (!JDBC_URL.equals(env.path("name").asText())) {
                        continue;
                    }
                    if (!env.has("value")) {
                        violations.of(
                                deployment,
                                JDBC_URL + " comes from a Secret (CloudNativePG's jdbc-uri does not verify the"
                                        + " server): write it out with sslmode=verify-full");
                        continue;
                    }
                    jdbcUrl(
                            manifests,
                            deployment,
                            pod,
                            container,
                            JDBC_URL,
                            env.path("value").asText(),
                            violations);
                }
            }
        });
        keycloakJdbc(manifests, violations);
    }

    /**
     * Keycloak's own database: the Keycloak CR's {@code spec.db.url} with verify-full, its CA mounted through the
     * operator's {@code spec.unsupported.podTemplate} (the operator's {@code truststores} would mount the whole
     * {@code <cluster>-ca} Secret, the CA's private key included).
     */
    private static void keycloakJdbc(Manifests manifests, Violations violations) {
        manifests.ofKind("Keycloak").forEach(keycloak -> {
            String url = keycloak.path("spec").path("db").path("url").asText("");
            if (url.isEmpty()) {
                violations.of(
                        keycloak,
                        "spec.db.url is not set: the operator's host/port settings connect without verifying the"
                                + " server; set jdbc:postgresql://keycloak-db-rw:5432/keycloak?sslmode=verify-full"
                                + "&sslrootcert=/mnt/postgres-ca/ca.crt and mount keycloak-db-ca's ca.crt there");
                return;
            }
            JsonNode pod = keycloak.path("spec")
                    .path("unsupported")
                    .path("podTemplate")
                    .path("spec");
            JsonNode container = pod.path("containers").path(0);
            jdbcUrl(manifests, keycloak, pod, container, "spec.db.url", url, violations);
        });
    }

    private static void jdbcUrl(
            Manifests manifests,
            JsonNode deployment,
            JsonNode pod,
            JsonNode container,
            String setting,
            String url,
            Violations violations) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            violations.of(deployment, setting + " " + url + " is not a PostgreSQL JDBC URL");
            return;
        }
        String rest = url.substring(prefix.length());
        String hostPort = rest.split("[/?]", 2)[0];
        String host = hostPort.split(":")[0];
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rest.contains("?")) {
            for (String pair : rest.substring(rest.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (!"verify-full".equals(parameters.get("sslmode"))) {
            violations.of(
                    deployment,
                    setting + " " + url + " lacks sslmode=verify-full: the connection would not verify that it"
                            + " talks to the database (add ?sslmode=verify-full&sslrootcert=/etc/postgres-ca/ca.crt"
                            + " and mount the cluster's Secret <cluster>-ca)");
            return;
        }
        Optional<ObjectNode> cluster = manifests
                .ofKind("Cluster")
                .filter(c -> serverNames(c).contains(host))
                .findFirst();
        if (cluster.isEmpty()) {
            violations.of(
                    deployment,
                    setting + " connects to " + host + ", which is not a name of any CloudNativePG cluster's server"
                            + " certificate (<cluster>-rw, <cluster>-rw.<namespace>, <cluster>-rw.<namespace>.svc):"
                            + " verify-full would refuse it");
            return;
        }
        String rootCert = parameters.getOrDefault("sslrootcert", "");
        String caSecret = name(cluster.get()) + "-ca";
        if (!mountsCa(pod, container, rootCert, caSecret)) {
            violations.of(
                    deployment,
                    setting + " verifies against sslrootcert '" + rootCert + "', which is not the key ca.crt of"
                            + " Secret " + caSecret + " mounted in the container: mount it there");
        }
    }

    /** The names CloudNativePG puts in a cluster's server certificate for its read-write Service. */
    static List<String> serverNames(JsonNode cluster) {
        String rw = name(cluster) + "-rw";
        String namespace = cluster.path("metadata").path("namespace").asText("backcare");
        List<String> names = new ArrayList<>(List.of(
                rw, rw + "." + namespace, rw + "." + namespace + ".svc", rw + "." + namespace + ".svc.cluster.local"));
        cluster.path("spec").path("certificates").path("serverAltDNSNames").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static boolean mountsCa(JsonNode pod, JsonNode container, String rootCert, String caSecret) {
        for (JsonNode mount : container.path("volumeMounts")) {
            String mountPath = mount.path("mountPath").asText();
            if (!rootCert.startsWith(mountPath + "/")) {
                continue;
            }
            String file = rootCert.substring(mountPath.length() + 1);
            for (JsonNode volume : pod.path("volumes")) {
                if (!volume.path("name").asText().equals(mount.path("name").asText())
                        || !caSecret.equals(
                                volume.path("secret").path("secretName").asText())) {
                    continue;
                }
                JsonNode items = volume.path("secret").path("items");
                if (items.isEmpty()) {
                    return file.equals("ca.crt");
                }
                for (JsonNode item : items) {
                    if (item.path("key").asText().equals("ca.crt")
                            && item.path("path").asText().equals(file)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
