package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The realm import of the cluster and the local realm are one definition. */
class RealmImportInSyncTest {

    private static final String HOW_TO_FIX = "regenerate with: ./mvnw -pl deploy/kubernetes test"
            + " -Dtest=RealmImportInSyncTest -Dbackcare.regenerate=true";

    @Test
    void theCommittedRealmImportIsTheOneGeneratedFromTheLocalRealm() throws Exception {
        RealmImportFiles files = RealmImportFiles.from(Overlays.PROJECT_ROOT);
        if (Boolean.getBoolean("backcare.regenerate")) {
            files.write(Overlays.PROJECT_ROOT);
        }

        assertThat(Files.readString(Overlays.PROJECT_ROOT.resolve(RealmImportFiles.REALM_IMPORT)))
                .as(HOW_TO_FIX)
                .isEqualTo(files.realmImport());
        assertThat(Files.readString(Overlays.PROJECT_ROOT.resolve(RealmImportFiles.DEMO_USERS_PATCH)))
                .as(HOW_TO_FIX)
                .isEqualTo(files.demoUsersPatch());
    }

    @Test
    void theRealmSyncJobCarriesTheRealmTheProdOverlayImports() throws Exception {
        RealmImportFiles files = RealmImportFiles.from(Overlays.PROJECT_ROOT);
        Manifests prod = Overlays.rendered("prod");
        JsonNode realm = prod.find("KeycloakRealmImport", "workout-tracker")
                .orElseThrow()
                .path("spec")
                .path("realm");
        String expected = files.realmSync(realm);
        if (Boolean.getBoolean("backcare.regenerate")) {
            Files.writeString(Overlays.PROJECT_ROOT.resolve(RealmImportFiles.REALM_SYNC), expected);
        }

        assertThat(Files.readString(Overlays.PROJECT_ROOT.resolve(RealmImportFiles.REALM_SYNC)))
                .as(HOW_TO_FIX)
                .isEqualTo(expected);
        // the ConfigMap in the rendered overlay is the realm, the Job mounts that ConfigMap and is named after it
        String name =
                RealmImportFiles.REALM_SYNC_PREFIX + RealmImportFiles.realmHash(RealmImportFiles.realmJson(realm));
        ObjectNode configMap = prod.find("ConfigMap", name).orElseThrow();
        assertThat(new ObjectMapper().readTree(configMap.at("/data/realm.json").asText()))
                .isEqualTo(realm);
        JsonNode settings = new ObjectMapper()
                .readTree(configMap.at("/data/realm-settings.json").asText());
        assertThat(settings.has("clients") || settings.has("roles") || settings.has("users"))
                .isFalse();
        assertThat(settings.path("sslRequired").asText()).isEqualTo("external");
        ObjectNode job = prod.find("Job", name).orElseThrow();
        assertThat(job.at("/spec/template/spec/volumes/0/configMap/name").asText())
                .isEqualTo(name);
        assertThat(job.at("/spec/template/spec/containers/0/command/2").asText())
                .contains("partialImport", "ifResourceExists=OVERWRITE", "update \"realms/$realm\"");
    }

    @Test
    void theRealmOfEveryOverlayHasNoUsersAndNoPasswordGrant() {
        String realmImport = RealmImportFiles.from(Overlays.PROJECT_ROOT).realmImport();

        assertThat(realmImport)
                .contains("keycloakCRName: backcare-keycloak", "directAccessGrantsEnabled: false")
                .doesNotContain("users:", "credentials", "directAccessGrantsEnabled: true");
    }
}
