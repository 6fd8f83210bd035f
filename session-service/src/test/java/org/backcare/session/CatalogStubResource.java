package org.backcare.session;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for the catalog-service's read API in the session-service's own integration test, serving the
 * article's chin-to-chest exercise exactly as the catalog does. The end-to-end test uses the real catalog.
 */
public class CatalogStubResource implements QuarkusTestResourceLifecycleManager {

    static final String CHIN_TO_CHEST_ID = "6f1d2c3b-0a01-4e5f-8a10-000000000001";

    static final String CHIN_TO_CHEST = """
            {"id":"6f1d2c3b-0a01-4e5f-8a10-000000000001","slug":"chin-to-chest","name":"Chin to chest",
             "summary":"Lengthens the back of the neck.","instructions":["Lower your chin slowly."],
             "kind":"STRETCH","regions":["NECK"],"measurement":"HOLD","sided":false,
             "prescription":{"holdSeconds":30,"repsMin":5,"repsMax":10,"sets":1},
             "safetyCues":["Never strain or cause pain."],"status":"PUBLISHED","version":1}
            """;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/exercises/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("6f1d2c3b-0a01-4e5f-8a10-000000000001");
            byte[] body = (known ? CHIN_TO_CHEST : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(
                "quarkus.rest-client.catalog.url",
                "http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
