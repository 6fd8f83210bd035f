package org.backcare.local;

import java.time.Duration;
import org.backcare.infra.KeycloakServer;

/** What a newcomer reads once the stack is up: where to look and how to try it. */
final class Banner {

    private Banner() {}

    static String of(LocalStack stack, String demo, Duration took) {
        String realm = stack.infrastructure().keycloak().realmUrl();
        return """

                ==========================================================================================
                 Back-care workout tracker is up (%d s). Ctrl-C stops everything.
                ==========================================================================================
                 Open the app:     %s   (sign in as alice / alice)
                ------------------------------------------------------------------------------------------
                 catalog-service   %s   Swagger UI %s/q/swagger-ui
                 session-service   %s   Swagger UI %s/q/swagger-ui
                 progress-service  %s   Swagger UI %s/q/swagger-ui
                 Keycloak          %s   admin console %s/admin (master realm: admin / admin); realm %s
                 Kafka             %s        PostgreSQL localhost:%d (user postgres, password postgres)
                 Demo data         %s
                 Logs and data     %s

                 Get a token for alice (users alice, bob, carol, admin; password = name):
                   TOKEN=$(curl -s -d grant_type=password -d client_id=%s -d username=alice -d password=alice \\
                     %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')

                 Start a session and record a 30-second chin-to-chest hold:
                   SESSION=$(cat /proc/sys/kernel/random/uuid)
                   curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                     -d "{\\"id\\":\\"$SESSION\\",\\"timeZone\\":\\"Europe/Berlin\\"}" %s/sessions
                   curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                     -d '{"exerciseId":"%s","holdSeconds":30,"pain":1}' %s/sessions/$SESSION/sets

                 See it in your progress (within a second):
                   curl -s -H "Authorization: Bearer $TOKEN" %s/progress/me
                ==========================================================================================
                """.formatted(
                        took.toSeconds(),
                        stack.webUrl(),
                        stack.catalogUrl(),
                        stack.catalogUrl(),
                        stack.sessionUrl(),
                        stack.sessionUrl(),
                        stack.progressUrl(),
                        stack.progressUrl(),
                        stack.infrastructure().keycloak().baseUrl(),
                        stack.infrastructure().keycloak().baseUrl(),
                        KeycloakServer.REALM,
                        stack.infrastructure().kafka().bootstrapServers(),
                        stack.infrastructure().postgres().port(),
                        demo,
                        stack.stateDir(),
                        KeycloakServer.CLIENT_ID,
                        realm,
                        stack.sessionUrl(),
                        DemoData.CHIN_TO_CHEST,
                        stack.sessionUrl(),
                        stack.progressUrl());
    }
}
