package org.backcare.progress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The session-service's history stream, GET /admin/session-history, as a tiny HTTP server in the test JVM: it
 * answers whatever the test gave it ({@link #serve}), line by line (chunked, application/x-ndjson), or a status of
 * the test's choosing ({@link #fail}); 401 without a bearer token, as the real one does. It remembers the
 * Authorization header it got. Sets {@code backcare.progress.rebuild.session-history-url} for the service.
 */
public class SessionHistoryServer implements QuarkusTestResourceLifecycleManager {

    private static volatile List<String> lines = List.of();
    private static volatile int status = 200;
    private static volatile String authorization;
    private static volatile int holdAfter = -1;
    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private HttpServer server;

    /** Serves these history lines from now on. */
    public static void serve(List<String> history) {
        lines = List.copyOf(history);
        status = 200;
        holdAfter = -1;
        gate.countDown();
    }

    /**
     * Serves these lines, but holds the answer after the first {@code after} until {@link #release}: a rebuild that
     * stays running for as long as the test needs.
     */
    public static void serveHeld(List<String> history, int after) {
        gate = new CountDownLatch(1);
        lines = List.copyOf(history);
        status = 200;
        holdAfter = after;
    }

    /** Lets a held answer go on to its end. */
    public static void release() {
        gate.countDown();
    }

    /** Answers {@code code} (with a problem body) from now on. */
    public static void fail(int code) {
        status = code;
    }

    /** The Authorization header of the last request. */
    public static String lastAuthorization() {
        return authorization;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/admin/session-history", SessionHistoryServer::answer);
        server.start();
        return Map.of(
                "backcare.progress.rebuild.session-history-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int code = authorization == null || !authorization.startsWith("Bearer ") ? 401 : status;
            if (code != 200) {
                byte[] body = ("{\"status\":" + code + ",\"title\":\"refused by the test\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(code, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0); // chunked: the body streams
            OutputStream out = exchange.getResponseBody();
            int written = 0;
            for (String line : lines) {
                if (written++ == holdAfter) {
                    out.flush();
                    try {
                        gate.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                out.write(line.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
