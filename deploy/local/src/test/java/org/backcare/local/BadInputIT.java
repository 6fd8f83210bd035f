package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.backcare.local.BadRequestCorpus.BadRequest;
import org.junit.jupiter.api.Test;

/**
 * The generated corpus of malformed requests against the real stack: every answer is application/problem+json with
 * the status its case expects (an unknown field's answer names its JSON path), none is a 5xx, and nothing stored
 * changes (every table of the three databases and every topic, compared before and after).
 */
class BadInputIT {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void everyMalformedRequestIsRefusedWithAProblemAndChangesNothing() throws Exception {
        LocalStack stack = SharedStack.get();
        String alice = stack.infrastructure().keycloak().accessToken("alice", "alice");
        String admin = stack.infrastructure().keycloak().accessToken("admin", "admin");
        String session = startSession(stack, alice);
        String set = recordSet(stack, alice, session);
        var exercise = given().get(stack.catalogUrl() + "/exercises/" + DemoData.CHIN_TO_CHEST);
        var routines = given().get(stack.catalogUrl() + "/routines").then().extract();
        String routineId = routines.path("items[0].id");
        String routineEtag =
                given().get(stack.catalogUrl() + "/routines/" + routineId).header("ETag");
        List<BadRequest> corpus = new BadRequestCorpus(stack, alice, admin)
                .session(session, set)
                .catalog(DemoData.CHIN_TO_CHEST, exercise.header("ETag"), routineId, routineEtag)
                .progress()
                .all();
        StoredState before = StoredState.settled(stack);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (BadRequest request : corpus) {
            HttpResponse<String> response = send(request);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != request.expected()
                    || !type.startsWith("application/problem+json")
                    || (request.field() != null
                            && !violationFields(response.body()).contains(request.field()))) {
                wrong.add(request + " -> " + response.statusCode() + " " + type + " "
                        + response.body()
                                .substring(0, Math.min(300, response.body().length())));
            }
        }
        StoredState after = StoredState.settled(stack);

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        assertThat(corpus).filteredOn(r -> r.field() != null).hasSizeGreaterThanOrEqualTo(15);
        assertThat(wrong)
                .as(
                        "answers other than the problem+json their case expects (of %s requests, statuses %s)",
                        corpus.size(), statuses)
                .isEmpty();
        assertThat(after).as("what is stored").isEqualTo(before);
    }

    private HttpResponse<String> send(BadRequest request) throws Exception {
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : request.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.base() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(request + " failed: " + e, e);
        }
    }

    private static List<String> violationFields(String body) {
        try {
            List<String> fields = new ArrayList<>();
            JSON.readTree(body)
                    .path("violations")
                    .forEach(v -> fields.add(v.path("field").asText()));
            return fields;
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String recordSet(LocalStack stack, String token, String session) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("exerciseId", DemoData.CHIN_TO_CHEST, "holdSeconds", 30, "pain", 1))
                .post(stack.sessionUrl() + "/sessions/" + session + "/sets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String startSession(LocalStack stack, String token) {
        String id = UUID.randomUUID().toString();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "timeZone", "Europe/Berlin", "painBefore", 2))
                .post(stack.sessionUrl() + "/sessions")
                .then()
                .statusCode(201);
        return id;
    }
}
