package org.backcare.session.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.backcare.problem.ProblemException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks the catalog-service over REST. */
@ApplicationScoped
public class CatalogExerciseDirectory implements ExerciseDirectory {

    private final CatalogClient catalog;

    public CatalogExerciseDirectory(@RestClient CatalogClient catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<ExerciseSnapshot> find(UUID exerciseId) {
        try (Response response = catalog.exercise(exerciseId.toString())) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            if (response.getStatus() != 200) {
                throw unavailable("answered " + response.getStatus());
            }
            return Optional.of(response.readEntity(ExerciseSnapshot.class));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw unavailable("answered " + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw unavailable("cannot be reached: " + e.getMessage());
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(
                503,
                "catalog-unavailable",
                "Catalog unavailable",
                "the exercise catalog " + why + "; try again shortly",
                java.util.List.of(),
                java.util.Map.of("Retry-After", "5"));
    }
}
