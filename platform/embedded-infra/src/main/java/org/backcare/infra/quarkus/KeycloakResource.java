package org.backcare.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application's OIDC at real Keycloak with the workout-tracker realm. */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.auth-server-url", SharedInfrastructure.keycloak().realmUrl());
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; stops when the JVM exits
    }
}
