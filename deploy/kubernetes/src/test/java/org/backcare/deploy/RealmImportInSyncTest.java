package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theRealmOfEveryOverlayHasNoUsersAndNoPasswordGrant() {
        String realmImport = RealmImportFiles.from(Overlays.PROJECT_ROOT).realmImport();

        assertThat(realmImport)
                .contains("keycloakCRName: backcare-keycloak", "directAccessGrantsEnabled: false")
                .doesNotContain("users:", "credentials", "directAccessGrantsEnabled: true");
    }
}
