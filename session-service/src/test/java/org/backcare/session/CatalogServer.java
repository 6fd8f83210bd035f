package org.backcare.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.backcare.session.catalog.ExerciseSnapshot;
import org.backcare.session.domain.Measurement;

/**
 * A catalog-service's read API ({@code GET /exercises/{id}}) on a free port of this machine, which the
 * session-service's real REST client talks to in the @QuarkusTests. It serves {@link FixtureExerciseDirectory}'s
 * exercises and answers 404 for any other id, and a test can make it misbehave: answer 500, hang (never answer),
 * or go down (its port closed). It counts the requests that reach it. {@link #reset()} brings it back up.
 */
public class CatalogServer implements QuarkusTestResourceLifecycleManager {

    /** How the catalog answers. */
    public enum Behaviour {
        /** The fixture exercises, 404 for any other id. */
        UP,
        /** 500 to every request. */
        FAILING,
        /** Accepts the request and never answers (until the behaviour changes). */
        HANGING,
        /** The port is closed: connection refused. */
        DOWN
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static volatile Behaviour behaviour = Behaviour.UP;
    private static volatile CountDownLatch hang = new CountDownLatch(1);
    private static volatile int port;
    private static HttpServer server;
    private static ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool();
        bind(0);
        return Map.of("quarkus.rest-client.catalog.url", "http://localhost:" + port);
    }

    @Override
    public void stop() {
        hang.countDown();
        unbind();
        executor.shutdownNow();
    }

    /** From now on the catalog behaves so; its request count starts again from zero. */
    public static synchronized void behave(Behaviour next) {
        hang.countDown();
        hang = new CountDownLatch(1);
        if (next == Behaviour.DOWN) {
            unbind();
        } else if (server == null) {
            bind(port);
        }
        behaviour = next;
        REQUESTS.set(0);
    }

    /** Back to {@link Behaviour#UP}. */
    public static void reset() {
        behave(Behaviour.UP);
    }

    /** The requests that reached the catalog since it last changed its behaviour. */
    public static int requests() {
        return REQUESTS.get();
    }

    private static synchronized void bind(int at) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the test catalog on port " + at, e);
        }
        server.setExecutor(executor);
        server.createContext("/exercises/", CatalogServer::answer);
        server.start();
        port = server.getAddress().getPort();
    }

    private static synchronized void unbind() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        try (exchange) {
            switch (behaviour) {
                case FAILING -> send(exchange, 500, "{\"status\":500,\"title\":\"Internal Server Error\"}");
                case HANGING -> {
                    try {
                        hang.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> {
                    String path = exchange.getRequestURI().getPath();
                    ExerciseSnapshot exercise = exercise(path.substring(path.lastIndexOf('/') + 1));
                    if (exercise == null) {
                        send(exchange, 404, "{\"status\":404,\"title\":\"Not found\"}");
                    } else {
                        send(exchange, 200, json(exercise));
                    }
                }
            }
        }
    }

    private static ExerciseSnapshot exercise(String id) {
        try {
            return FixtureExerciseDirectory.EXERCISES.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The exercise as the catalog-service writes it (the fields the session-service reads, and some more). */
    private static String json(ExerciseSnapshot e) throws JsonProcessingException {
        return JSON.writeValueAsString(Map.ofEntries(
                Map.entry("id", e.id()),
                Map.entry("slug", e.slug()),
                Map.entry("name", e.name()),
                Map.entry("summary", "From the shipped catalog."),
                Map.entry("instructions", java.util.List.of("Move slowly.")),
                Map.entry("kind", e.measurement() == Measurement.HOLD ? "STRETCH" : "MOBILITY"),
                Map.entry("regions", e.regions()),
                Map.entry("measurement", e.measurement().name()),
                Map.entry("sided", e.sided()),
                Map.entry("prescription", Map.of("holdSeconds", 30, "repsMin", 5, "repsMax", 10, "sets", 1)),
                Map.entry("safetyCues", java.util.List.of("Never strain or cause pain.")),
                Map.entry("status", e.status()),
                Map.entry("version", e.version())));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
