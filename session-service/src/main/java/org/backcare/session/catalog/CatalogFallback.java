package org.backcare.session.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks the catalog-service over REST for an exercise the replica does not have yet. Bounded: a 2 s timeout,
 * two retries, and a circuit breaker that stops asking a catalog that keeps failing for 10 s.
 */
@ApplicationScoped
public class CatalogFallback {

    private final CatalogClient catalog;

    public CatalogFallback(@RestClient CatalogClient catalog) {
        this.catalog = catalog;
    }

    /** The exercise, or empty when the catalog says it does not exist; throws when the catalog cannot answer. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Optional<ExerciseSnapshot> fetch(UUID exerciseId) {
        try (Response response = catalog.exercise(exerciseId.toString())) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw new CatalogUnavailableException("the catalog answered " + response.getStatus());
            }
            return Optional.of(response.readEntity(ExerciseSnapshot.class));
        }
    }

    /** The catalog-service could not answer. */
    public static class CatalogUnavailableException extends RuntimeException {
        public CatalogUnavailableException(String message) {
            super(message);
        }
    }
}
