package org.backcare.web.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backcare.problem.ProblemException;
import org.backcare.web.config.WebAppConfig;
import org.jboss.logging.Logger;

/**
 * Sends a browser's call on to its service with the person's access token and brings the answer back as it came:
 * status, body and the headers a client reads. Nothing else of the browser's request passes (no cookie, no
 * authorization header of its own).
 */
@ApplicationScoped
public class ServiceForwarder {

    public static final String REQUESTED_WITH = "X-Requested-With";

    private static final Logger LOG = Logger.getLogger(ServiceForwarder.class);

    /** The request headers a service reads. */
    private static final List<String> REQUEST_HEADERS =
            List.of("Content-Type", "Accept", "Idempotency-Key", "If-Match", "If-None-Match");

    /** The answer's headers the browser reads. */
    private static final Set<String> RESPONSE_HEADERS =
            Set.of("content-type", "etag", "location", "content-disposition", "cache-control", "retry-after", "link");

    private final HttpClient http;
    private final WebAppConfig config;
    private final Map<String, URI> services;

    public ServiceForwarder(WebAppConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.forwardTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.services = Map.of(
                "catalog", config.services().catalog(),
                "session", config.services().session(),
                "progress", config.services().progress());
    }

    public Response forward(ServiceCall call) {
        if (call.writes() && call.headers().getFirst(REQUESTED_WITH) == null) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "a write through the web app needs the X-Requested-With header",
                    List.of(),
                    Map.of());
        }
        URI base = services.get(call.service());
        if (base == null) {
            throw ProblemException.notFound("service " + call.service());
        }
        String target = base.toString().replaceAll("/$", "") + "/" + call.path()
                + (call.rawQuery() == null ? "" : "?" + call.rawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(config.forwardTimeout())
                .header("Authorization", "Bearer " + call.accessToken());
        for (String name : REQUEST_HEADERS) {
            String value = call.headers().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        byte[] body = call.body() == null ? new byte[0] : call.body();
        request.method(
                call.method(),
                body.length == 0 && !call.writes()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            // the answer streams through: an export of years of sessions is never held whole in the web app
            HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Response.ResponseBuilder response = Response.status(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (RESPONSE_HEADERS.contains(lower)) {
                    values.forEach(value -> response.header(name, rewriteLocation(lower, value, call.service())));
                }
            });
            if (answer.statusCode() == 204 || answer.statusCode() == 304) {
                answer.body().close();
            } else {
                response.entity(answer.body());
            }
            return response.build();
        } catch (HttpTimeoutException e) {
            throw new ProblemException(
                    504,
                    "service-timeout",
                    "Gateway Timeout",
                    call.service() + " did not answer in time",
                    List.of(),
                    Map.of());
        } catch (IOException e) {
            LOG.warnf("%s %s: %s unreachable: %s", call.method(), call.path(), call.service(), e.getMessage());
            throw new ProblemException(
                    502,
                    "service-unavailable",
                    "Bad Gateway",
                    call.service() + " cannot be reached, try again shortly",
                    List.of(),
                    Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(
                    503, "interrupted", "Service Unavailable", "the web app is stopping", List.of(), Map.of());
        }
    }

    /** A Location the service answered is made one the browser can follow: below /api/{service}. */
    private String rewriteLocation(String header, String value, String service) {
        if (!header.equals("location")) {
            return value;
        }
        URI location = URI.create(value);
        String path = location.getRawPath() == null ? "" : location.getRawPath();
        return "/api/" + service + path;
    }
}
