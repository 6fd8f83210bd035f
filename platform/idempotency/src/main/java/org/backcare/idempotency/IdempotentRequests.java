package org.backcare.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.backcare.problem.ProblemException;

/**
 * Honours Idempotency-Key on POSTs: the first request with a key is carried out and its successful answer (status,
 * body, Location, ETag) kept for {@code backcare.idempotency.retention}; a retry with the same key and body within
 * that time gets that answer again without a second effect; after it the key is new again. The same key with
 * another body answers 422; a retry while the first is still running answers 409, unless the first's claim is
 * older than {@code backcare.idempotency.pending-timeout} (it crashed): then the retry takes the claim over and
 * runs. Failed requests give the key back, so a corrected retry can use it. Keys are per user.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotentRequestStore store;
    private final ObjectMapper json;

    public IdempotentRequests(IdempotentRequestStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * Runs {@code request} once per key: without a key it simply runs. {@code body} is the request's body as read
     * (null when there was none), {@code methodPath} what the key is bound to, for example "POST /sessions".
     */
    public Response handle(String userId, String key, String methodPath, Object body, Supplier<Response> request) {
        if (key == null) {
            return request.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 255 characters");
        }
        String hash = hash(methodPath, body);
        if (!store.claim(userId, key, methodPath, hash)) {
            return replay(userId, key, methodPath, hash);
        }
        Response response;
        try {
            response = request.get();
        } catch (RuntimeException e) {
            store.release(userId, key);
            throw e;
        }
        if (response.getStatus() >= 300) {
            store.release(userId, key);
            return response;
        }
        URI location = response.getLocation();
        EntityTag etag = response.getEntityTag();
        store.complete(
                userId,
                key,
                new IdempotentRequestStore.Answer(
                        response.getStatus(),
                        response.hasEntity() ? write(response.getEntity()) : null,
                        location == null ? null : location.toString(),
                        etag == null ? null : response.getHeaderString(HttpHeaders.ETAG)));
        return response;
    }

    private Response replay(String userId, String key, String methodPath, String hash) {
        var stored = store.find(userId, key)
                .orElseThrow(() ->
                        ProblemException.conflict("the request with this Idempotency-Key failed a moment ago; retry"));
        if (!stored.methodPath().equals(methodPath) || !stored.hash().equals(hash)) {
            throw ProblemException.unprocessable(HEADER, "was already used for a different request");
        }
        if (stored.status() == IdempotentRequestStore.PENDING) {
            throw ProblemException.conflict("the request with this Idempotency-Key is still being processed; retry");
        }
        Response.ResponseBuilder response = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.body() != null) {
            response.entity(stored.body()).type(MediaType.APPLICATION_JSON);
        }
        if (stored.location() != null) {
            response.location(URI.create(stored.location()));
        }
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        return response.build();
    }

    /** The request's fingerprint: where it went and its body (a request without a body hashes as JSON null). */
    private String hash(String methodPath, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(methodPath.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            String written = write(body);
            digest.update((written == null ? "null" : written).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
