package org.backcare.progress.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import org.backcare.progress.config.ProgressConfig;
import org.backcare.progress.projection.rebuild.HistoryUnavailableException;
import org.backcare.progress.projection.rebuild.SessionHistorySource;

/**
 * The session-service's history stream, {@code GET /admin/session-history}: every session as it now stands, one
 * CloudEvent per line (application/x-ndjson), with the same envelopes and ids as the live events. Read line by line
 * from the answer's body as it arrives, never the whole answer in memory. The caller's bearer token is forwarded:
 * only an admin may read everyone's history.
 */
@ApplicationScoped
public class SessionHistory implements SessionHistorySource {

    static final String PATH = "/admin/session-history";
    private final ProgressConfig config;
    private final SessionEventParser parser;
    private final HttpClient http;

    public SessionHistory(ProgressConfig config, SessionEventParser parser) {
        this.config = config;
        this.parser = parser;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.rebuild().sessionHistoryTimeout())
                .build();
    }

    /**
     * An open history: its lines parsed, in the session-service's order (by user, then by the session's start). Read
     * as UTF-8 bytes a buffer at a time and parsed from the buffer, never decoded into strings first.
     */
    final class Lines implements History {
        private final InputStream body;
        private byte[] buffer = new byte[1 << 16];
        private int start; // the next line's first byte
        private int end; // after the last byte read
        private boolean ended;

        Lines(InputStream body) {
            this.body = body;
        }

        /** The next non-blank line parsed, or null at the end of the history. */
        @Override
        public Line next() {
            try {
                while (true) {
                    int newline = indexOfNewline();
                    if (newline < 0 && !ended) {
                        fill();
                        continue;
                    }
                    int lineEnd = newline < 0 ? end : newline;
                    if (lineEnd == start && newline < 0) {
                        return null; // the end, after the last line
                    }
                    int from = start;
                    start = newline < 0 ? end : newline + 1;
                    if (blank(from, lineEnd)) {
                        continue;
                    }
                    try {
                        return new Line(parser.parse(buffer, from, lineEnd - from), null);
                    } catch (UnreadableEventException e) {
                        return new Line(null, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw unavailable("the session-service's history broke off: " + e.getMessage());
            }
        }

        private int indexOfNewline() {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private boolean blank(int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        /** Moves the unread bytes to the front (growing the buffer for a line longer than it) and reads more. */
        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = body.read(buffer, end, buffer.length - end);
            if (read < 0) {
                ended = true;
            } else {
                end += read;
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }

    /**
     * Opens the history with the caller's bearer token; answers once the session-service has answered 200. Its
     * refusal or failure and not reaching it (refused, timed out) are a {@link HistoryUnavailableException}: nothing
     * has been changed yet.
     */
    @Override
    public History open(String bearerToken) {
        String base = config.rebuild().sessionHistoryUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.rebuild().sessionHistoryTimeout())
                .header("Accept", "application/x-ndjson")
                .header("Authorization", "Bearer " + bearerToken)
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw unavailable("the session-service did not answer within "
                    + config.rebuild().sessionHistoryTimeout().toSeconds() + " s");
        } catch (ConnectException e) {
            throw unavailable("the session-service at " + base + " cannot be reached");
        } catch (IOException e) {
            throw unavailable("the session-service at " + base + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking the session-service for its history");
        }
        int status = response.statusCode();
        if (status == 200) {
            return new Lines(response.body());
        }
        try (InputStream ignored = response.body()) {
            // the refusal's body is not read
        } catch (IOException e) {
            // closing a refused answer
        }
        String why = switch (status) {
            case 401 -> "the session-service did not accept the admin's token (401)";
            case 403 -> "the session-service refused the history to this token (403: it needs the admin role)";
            case 404 -> "the session-service has no history stream at " + PATH + " (404)";
            default -> "the session-service answered " + status + " to the history request";
        };
        throw badGateway(why);
    }

    /** The session-service answered, but not with the history (502). */
    static HistoryUnavailableException badGateway(String detail) {
        return new HistoryUnavailableException(true, detail + "; the projections were not changed");
    }

    /** The session-service could not be read (503). */
    static HistoryUnavailableException unavailable(String detail) {
        return new HistoryUnavailableException(false, detail);
    }
}
