package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * StorageRules on the whole prod install (overlays/prod-foundation + overlays/prod), each rule broken once; the apps
 * overlay alone; and the restore of session-db, rendered, validated and checked against the prod install.
 */
class StorageRulesTest {

    private static String violationsAfter(Consumer<Manifests> breakIt) {
        Manifests broken = Overlays.rendered("prod").copy();
        breakIt.accept(broken);
        return String.join("\n", ManifestPolicies.check(broken));
    }

    private static ObjectNode spec(Manifests manifests, String kind, String name) {
        return (ObjectNode) manifests.find(kind, name).orElseThrow().get("spec");
    }

    private static ObjectNode env(Manifests manifests, String deployment, String variable) {
        for (var env :
                manifests.find("Deployment", deployment).orElseThrow().at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals(variable)) {
                return (ObjectNode) env;
            }
        }
        throw new AssertionError(deployment + " has no " + variable);
    }

    // --- item 8: deletion safety -----------------------------------------------------------------------------------

    @Test
    void theAppsOverlayHoldsNothingStatefulAndTheFoundationHoldsAllOfIt() {
        Manifests apps = Overlays.rendered("prod-apps");
        Manifests prod = Overlays.rendered("prod");

        assertThat(StorageRules.statefulInApps(apps)).isEmpty();
        assertThat(apps.objects())
                .noneMatch(
                        o -> StorageRules.STATEFUL_KINDS.contains(o.path("kind").asText()));
        assertThat(apps.workloadDeployments()).hasSize(4);
        // the whole install still has everything, each stateful object protected from GitOps pruning
        assertThat(prod.find("Namespace", "backcare")).isPresent();
        assertThat(prod.ofKind("Cluster")).hasSize(4);
        assertThat(prod.ofKind("Kafka")).hasSize(1);
        assertThat(prod.ofKind("KafkaTopic")).hasSize(4);
        assertThat(prod.objects())
                .filteredOn(
                        o -> StorageRules.STATEFUL_KINDS.contains(o.path("kind").asText()))
                .allSatisfy(o -> assertThat(o.at("/metadata/annotations").toString())
                        .contains("Prune=false,Delete=false", "\"kustomize.toolkit.fluxcd.io/prune\":\"disabled\""));
        assertThat(prod.find("StorageClass", "backcare-retain")
                        .orElseThrow()
                        .path("reclaimPolicy")
                        .asText())
                .isEqualTo("Retain");
    }

    @Test
    void aDatabaseInTheAppsOverlayIsNamed() {
        Manifests apps = Overlays.rendered("prod-apps");
        ObjectNode cluster = Overlays.rendered("prod")
                .find("Cluster", "session-db")
                .orElseThrow()
                .deepCopy();

        assertThat(StorageRules.statefulInApps(apps.with(cluster)))
                .containsExactly("prod-apps: Cluster session-db: is stateful and belongs in overlays/prod-foundation:"
                        + " deleting or pruning the apps overlay would delete it");
    }

    @Test
    void aStatefulObjectThatGitOpsWouldPruneIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode) m.find("KafkaTopic", "workout-session-events")
                                .orElseThrow()
                                .get("metadata"))
                        .remove("annotations")))
                .isEqualTo(
                        "prod: KafkaTopic workout-session-events: is stateful: annotate it argocd.argoproj.io/sync-options:"
                                + " Prune=false,Delete=false and kustomize.toolkit.fluxcd.io/prune: disabled, or a GitOps"
                                + " prune deletes it (overlays/prod-foundation)");
    }

    @Test
    void aStorageClassThatDeletesItsVolumesIsNamed() {
        assertThat(violationsAfter(m ->
                        m.find("StorageClass", "backcare-retain").orElseThrow().put("reclaimPolicy", "Delete")))
                .isEqualTo("prod: StorageClass backcare-retain: reclaimPolicy must be Retain (is Delete): a deleted"
                        + " claim would take its volume and the data with it");
    }

    @Test
    void aDatabaseVolumeOfAnotherClassIsNamed() {
        assertThat(violationsAfter(m ->
                        ((ObjectNode) spec(m, "Cluster", "catalog-db").get("storage")).put("storageClass", "standard")))
                .isEqualTo("prod: Cluster catalog-db: spec.storage.storageClass is 'standard': use backcare-retain"
                        + " (reclaimPolicy Retain)");
    }

    @Test
    void aKafkaVolumeDeletedWithItsNodePoolIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) spec(m, "KafkaNodePool", "brokers").at("/storage/volumes/0"))
                                .put("deleteClaim", true)
                                .remove("class")))
                .contains("prod: KafkaNodePool brokers: volume 0 has class '': use backcare-retain (reclaimPolicy"
                        + " Retain)")
                .contains("prod: KafkaNodePool brokers: volume 0 has deleteClaim: true: deleting the node pool would"
                        + " delete Kafka's logs (set it to false)");
    }

    // --- item 7: backups -------------------------------------------------------------------------------------------

    @Test
    void aSingleInstanceDatabaseIsNamed() {
        assertThat(violationsAfter(m -> spec(m, "Cluster", "progress-db").put("instances", 1)))
                .isEqualTo("prod: Cluster progress-db: needs 3 instances (a primary and two replicas) in prod");
    }

    @Test
    void aDatabaseWithoutWalArchivingIsNamed() {
        assertThat(violationsAfter(m -> spec(m, "Cluster", "keycloak-db").remove("plugins")))
                .isEqualTo("prod: Cluster keycloak-db: needs WAL archiving in prod: spec.plugins with"
                        + " barman-cloud.cloudnative-pg.io, isWALArchiver: true and parameters.barmanObjectName"
                        + " naming an ObjectStore");
    }

    @Test
    void aDatabaseArchivingToAMissingObjectStoreIsNamed() {
        assertThat(violationsAfter(
                        m -> ((ObjectNode) spec(m, "Cluster", "session-db").at("/plugins/0/parameters"))
                                .put("barmanObjectName", "elsewhere")))
                .isEqualTo("prod: Cluster session-db: archives to ObjectStore 'elsewhere', which the install does not"
                        + " have");
    }

    @Test
    void theDeprecatedInTreeBarmanObjectStoreIsNamed() {
        assertThat(violationsAfter(m -> spec(m, "Cluster", "catalog-db")
                        .putObject("backup")
                        .putObject("barmanObjectStore")
                        .put("destinationPath", "s3://backcare-backups/postgres")))
                .isEqualTo("prod: Cluster catalog-db: uses spec.backup.barmanObjectStore, which CloudNativePG"
                        + " deprecates: archive through the barman-cloud.cloudnative-pg.io plugin (spec.plugins,"
                        + " isWALArchiver) and an ObjectStore");
    }

    @Test
    void aScheduledBackupNotThroughThePluginOrNotImmediateIsNamed() {
        assertThat(violationsAfter(m -> spec(m, "ScheduledBackup", "session-db-daily")
                        .put("method", "barmanObjectStore")
                        .put("immediate", false)))
                .contains("prod: ScheduledBackup session-db-daily: takes its backups with method 'barmanObjectStore':"
                        + " use method: plugin with pluginConfiguration.name barman-cloud.cloudnative-pg.io")
                .contains("prod: ScheduledBackup session-db-daily: needs immediate: true: until the first base backup"
                        + " nothing can be restored, and without it that waits for the schedule");
    }

    @Test
    void aDatabaseWithoutAScheduledBackupIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                spec(m, "ScheduledBackup", "progress-db-daily").get("cluster"))
                        .put("name", "progress-db-old")))
                .isEqualTo("prod: Cluster progress-db: needs a ScheduledBackup in prod");
    }

    @Test
    void aDatabaseWithoutItsOwnWalVolumeIsNamed() {
        assertThat(violationsAfter(m -> spec(m, "Cluster", "session-db").remove("walStorage")))
                .isEqualTo("prod: Cluster session-db: needs spec.walStorage in prod: WAL on a volume of its own, apart"
                        + " from the data");
    }

    @Test
    void theRestoreOfSessionDbRendersValidatesAndReadsWhatSessionDbArchives() {
        Manifests restore = Overlays.rendered("restore-session-db");

        List<SchemaValidation.Outcome> outcomes =
                Overlays.schemas().validate(List.of(Overlays.file("restore-session-db")));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo("Cluster");
            assertThat(o.name()).isEqualTo("session-db-restore");
            assertThat(o.errors()).isEmpty();
        });
        assertThat(StorageRules.restore(restore, Overlays.rendered("prod"))).isEmpty();
        assertThat(restore.find("Cluster", "session-db-restore")
                        .orElseThrow()
                        .at("/spec/bootstrap/recovery/source")
                        .asText())
                .isEqualTo("session-db");
    }

    @Test
    void aRestoreFromAFolderNoDatabaseArchivesToIsNamed() {
        Manifests restore = Overlays.rendered("restore-session-db").copy();
        ((ObjectNode) restore.find("Cluster", "session-db-restore")
                        .orElseThrow()
                        .at("/spec/externalClusters/0/plugin/parameters"))
                .put("serverName", "sessions-db");

        assertThat(StorageRules.restore(restore, Overlays.rendered("prod")))
                .singleElement()
                .asString()
                .startsWith("restore-session-db: Cluster session-db-restore: reads folder 'sessions-db' of ObjectStore"
                        + " backcare-backups, where no prod Cluster archives");
    }

    // --- item 5: spread --------------------------------------------------------------------------------------------

    @Test
    void aDatabaseWhoseInstancesMayShareANodeOrAZoneIsNamed() {
        assertThat(violationsAfter(m -> {
                    ObjectNode spec = spec(m, "Cluster", "catalog-db");
                    ((ObjectNode) spec.get("affinity")).put("podAntiAffinityType", "preferred");
                    spec.remove("topologySpreadConstraints");
                    spec.put("enablePDB", false);
                }))
                .contains("prod: Cluster catalog-db: needs affinity.podAntiAffinityType: required over"
                        + " kubernetes.io/hostname in prod: two instances on one node fall together")
                .contains("prod: Cluster catalog-db: needs a topologySpreadConstraint over topology.kubernetes.io/zone"
                        + " in prod: its instances would share a zone's outage")
                .contains("prod: Cluster catalog-db: sets enablePDB: false: CloudNativePG's PodDisruptionBudgets keep"
                        + " a node drain from taking the primary and a replica at once");
    }

    // --- item 10: JDBC verify-full ---------------------------------------------------------------------------------

    @Test
    void aServiceWhoseJdbcUrlDoesNotVerifyTheServerIsNamed() {
        assertThat(violationsAfter(m -> env(m, "session-service", "QUARKUS_DATASOURCE_JDBC_URL")
                        .put("value", "jdbc:postgresql://session-db-rw:5432/session?sslmode=require")))
                .isEqualTo("prod: Deployment session-service: QUARKUS_DATASOURCE_JDBC_URL"
                        + " jdbc:postgresql://session-db-rw:5432/session?sslmode=require lacks sslmode=verify-full:"
                        + " the connection would not verify that it talks to the database (add"
                        + " ?sslmode=verify-full&sslrootcert=/etc/postgres-ca/ca.crt and mount the cluster's Secret"
                        + " <cluster>-ca)");
    }

    @Test
    void aJdbcUrlToANameOutsideTheServerCertificateIsNamed() {
        assertThat(violationsAfter(m -> env(m, "catalog-service", "QUARKUS_DATASOURCE_JDBC_URL")
                        .put(
                                "value",
                                "jdbc:postgresql://catalog-db:5432/catalog?sslmode=verify-full"
                                        + "&sslrootcert=/etc/postgres-ca/ca.crt")))
                .isEqualTo("prod: Deployment catalog-service: QUARKUS_DATASOURCE_JDBC_URL connects to catalog-db, which"
                        + " is not a name of any CloudNativePG cluster's server certificate (<cluster>-rw,"
                        + " <cluster>-rw.<namespace>, <cluster>-rw.<namespace>.svc): verify-full would refuse it");
    }

    @Test
    void aJdbcUrlVerifiedAgainstAnotherClustersCaIsNamed() {
        assertThat(violationsAfter(m -> {
                    ArrayNode volumes = (ArrayNode) m.find("Deployment", "progress-service")
                            .orElseThrow()
                            .at("/spec/template/spec/volumes");
                    volumes.forEach(v -> {
                        if (v.path("name").asText().equals("postgres-ca")) {
                            ((ObjectNode) v.get("secret")).put("secretName", "session-db-ca");
                        }
                    });
                }))
                .isEqualTo("prod: Deployment progress-service: QUARKUS_DATASOURCE_JDBC_URL verifies against"
                        + " sslrootcert '/etc/postgres-ca/ca.crt', which is not the key ca.crt of Secret"
                        + " progress-db-ca mounted in the container: mount it there");
    }

    @Test
    void keycloakConnectingToItsDatabaseWithoutVerifyingItIsNamed() {
        assertThat(violationsAfter(m ->
                        ((ObjectNode) spec(m, "Keycloak", "backcare-keycloak").get("db")).remove("url")))
                .startsWith("prod: Keycloak backcare-keycloak: spec.db.url is not set");
        assertThat(violationsAfter(m -> ((ObjectNode)
                                spec(m, "Keycloak", "backcare-keycloak").get("db"))
                        .put("url", "jdbc:postgresql://keycloak-db-rw:5432/keycloak?sslmode=require")))
                .startsWith(
                        "prod: Keycloak backcare-keycloak: spec.db.url jdbc:postgresql://keycloak-db-rw:5432/keycloak"
                                + "?sslmode=require lacks sslmode=verify-full");
    }

    @Test
    void keycloakVerifyingAgainstACaItDoesNotMountIsNamed() {
        assertThat(violationsAfter(m -> ((ObjectNode)
                                spec(m, "Keycloak", "backcare-keycloak").get("unsupported"))
                        .remove("podTemplate")))
                .isEqualTo("prod: Keycloak backcare-keycloak: spec.db.url verifies against sslrootcert"
                        + " '/mnt/postgres-ca/ca.crt', which is not the key ca.crt of Secret keycloak-db-ca mounted in"
                        + " the container: mount it there");
    }
}
