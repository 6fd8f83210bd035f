package org.backcare.progress.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.backcare.progress.query.Freshness;
import org.backcare.progress.query.Progress;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every successful read of progress says how fresh it is: {@code Progress-As-Of}, the time the last event was
 * applied (ISO 8601, UTC); absent before the first event.
 */
public class FreshnessHeader {

    public static final String HEADER = "Progress-As-Of";

    private final Freshness freshness;

    public FreshnessHeader(Freshness freshness) {
        this.freshness = freshness;
    }

    @ServerResponseFilter
    public void asOf(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.GET.equals(request.getMethod())
                && response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL
                && request.getUriInfo().getPath().startsWith("/progress/")
                && !request.getUriInfo().getPath().startsWith("/progress/admin/")) {
            // a progress answer carries the time already: the header says the same without a second read
            Optional<Instant> asOf = response.getEntity() instanceof Progress progress
                    ? Optional.ofNullable(progress.lastEventAt())
                    : freshness.lastEventAt();
            asOf.ifPresent(t -> response.getHeaders().putSingle(HEADER, t.toString()));
        }
    }
}
