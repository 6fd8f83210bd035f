package org.backcare.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.backcare.infra.InfraException;

/**
 * Gives alice a week of back care through the public APIs, with her real token, so a newcomer sees progress at
 * once. Runs only when alice has no sets yet, so restarts do not pile up history.
 */
final class DemoData {

    static final String CHIN_TO_CHEST = "6f1d2c3b-0a01-4e5f-8a10-000000000001";
    static final String EAR_TO_SHOULDER = "6f1d2c3b-0a01-4e5f-8a10-000000000002";
    static final String SHOULDER_ROLLS = "6f1d2c3b-0a01-4e5f-8a10-000000000003";
    static final String TOUCH_TOES = "6f1d2c3b-0a01-4e5f-8a10-000000000004";
    private static final int DAYS = 7;

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    DemoData(LocalStack stack) {
        this.stack = stack;
    }

    /** Loads the demo week unless alice already has sets; says what it did. */
    String load() {
        String token = stack.infrastructure().keycloak().accessToken("alice", "alice");
        if (get(stack.progressUrl() + "/progress/me", token).at("/totals/sets").asLong() > 0) {
            return "alice already has history; nothing added";
        }
        String zone = ZoneId.systemDefault().getId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        int sets = 0;
        for (int daysAgo = DAYS; daysAgo >= 1; daysAgo--) {
            OffsetDateTime start = now.minusDays(daysAgo).withHour(7).withMinute(30);
            String session = UUID.randomUUID().toString();
            post(
                    stack.sessionUrl() + "/sessions",
                    token,
                    Map.of(
                            "id",
                            session,
                            "startedAt",
                            start.toString(),
                            "timeZone",
                            zone,
                            "painBefore",
                            Math.max(1, 5 - daysAgo / 2)));
            int hold = 20 + (DAYS - daysAgo) * 2;
            sets += recordSet(token, session, start.plusMinutes(1), CHIN_TO_CHEST, null, hold, null);
            sets += recordSet(token, session, start.plusMinutes(2), EAR_TO_SHOULDER, "LEFT", hold, null);
            sets += recordSet(token, session, start.plusMinutes(3), EAR_TO_SHOULDER, "RIGHT", hold - 2, null);
            sets += recordSet(
                    token, session, start.plusMinutes(4), SHOULDER_ROLLS, null, null, 8 + (DAYS - daysAgo) / 3);
            sets += recordSet(token, session, start.plusMinutes(5), TOUCH_TOES, null, hold, null);
        }
        return "alice: " + DAYS + " sessions with " + sets + " sets over the last week";
    }

    private int recordSet(
            String token, String session, OffsetDateTime at, String exercise, String side, Integer hold, Integer reps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exerciseId", exercise);
        body.put("recordedAt", at.toString());
        body.put("pain", 1);
        if (side != null) {
            body.put("side", side);
        }
        if (hold != null) {
            body.put("holdSeconds", hold);
            body.put("targetHoldSeconds", 30);
        }
        if (reps != null) {
            body.put("reps", reps);
        }
        post(stack.sessionUrl() + "/sessions/" + session + "/sets", token, body);
        return 1;
    }

    private JsonNode get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private JsonNode post(String url, String token, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new InfraException("demo data", e.getMessage(), e);
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(request, (name, value) -> true)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new InfraException(
                        "demo data",
                        request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                                + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new InfraException("demo data", request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("demo data", "interrupted", e);
        }
    }
}
