package org.backcare.session.catalog;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks the catalog-service over REST for an exercise the replica does not have yet. Bounded: a 2 s timeout per
 * attempt, two retries, and a circuit breaker that stops asking a catalog that keeps failing for 10 s (it opens
 * when half of the last 6 attempts failed). Only real failures count: a timeout, a connection error, a 5xx. The
 * catalog's 404 is an answer (the exercise does not exist): it is neither retried nor counted, so typos in
 * exercise ids cannot open the breaker for everyone. Another 4xx is neither retried nor counted either. An open
 * breaker fails at once, without a retry.
 *
 * <p>The values can be tuned per environment with MicroProfile Fault Tolerance's keys, for example
 * {@code org.backcare.session.catalog.CatalogFallback/fetch/Timeout/value}.
 */
@ApplicationScoped
public class CatalogFallback {

    /** The circuit breaker's name, for its state (CircuitBreakerMaintenance). */
    public static final String BREAKER = "catalog";

    private final CatalogClient catalog;

    public CatalogFallback(@RestClient CatalogClient catalog) {
        this.catalog = catalog;
    }

    /**
     * The exercise, or empty when the catalog says it does not exist; throws {@link CatalogUnavailableException}
     * (or a fault-tolerance exception: timeout, open breaker) when the catalog cannot answer, and
     * {@link CatalogRefusedException} when it refuses the question.
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 2,
            delay = 100,
            jitter = 50,
            abortOn = {CatalogRefusedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(
            requestVolumeThreshold = 6,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            skipOn = CatalogRefusedException.class)
    @CircuitBreakerName(CatalogFallback.BREAKER)
    public Optional<ExerciseSnapshot> fetch(UUID exerciseId) {
        try (Response response = catalog.exercise(exerciseId.toString())) {
            return answer(response);
        } catch (WebApplicationException e) {
            // the client's default exception mapper turns every status of 400 and above into an exception
            return answer(e.getResponse());
        } catch (ProcessingException e) {
            throw new CatalogUnavailableException("the catalog cannot be reached: " + e.getMessage(), e);
        }
    }

    private static Optional<ExerciseSnapshot> answer(Response response) {
        int status = response.getStatus();
        if (status == 200) {
            return Optional.of(response.readEntity(ExerciseSnapshot.class));
        }
        if (status == 404) {
            return Optional.empty();
        }
        if (status >= 400 && status < 500) {
            throw new CatalogRefusedException("the catalog answered " + status);
        }
        throw new CatalogUnavailableException("the catalog answered " + status, null);
    }

    /** The catalog-service could not answer: a connection error or a 5xx. Counts against the breaker. */
    public static class CatalogUnavailableException extends RuntimeException {
        public CatalogUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The catalog-service refused the question with a 4xx other than 404. Neither retried nor counted. */
    public static class CatalogRefusedException extends RuntimeException {
        public CatalogRefusedException(String message) {
            super(message);
        }
    }
}
