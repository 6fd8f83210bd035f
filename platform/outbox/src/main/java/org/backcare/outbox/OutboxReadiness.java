package org.backcare.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox in the readiness report: UP while the database answers, with the events waiting for Kafka and the
 * age of the oldest, so a Kafka outage shows (a growing backlog) without taking the service out of its Service:
 * the writes go on, and the relay publishes the backlog when Kafka is back.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) OutboxMessage.getEntityManager()
                    .createNativeQuery("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
                            + " from outbox_message where published_at is null")
                    .getSingleResult());
            return HealthCheckResponse.named("outbox")
                    .up()
                    .withData("pending", ((Number) row[0]).longValue())
                    .withData("oldestPendingSeconds", Math.round(((Number) row[1]).doubleValue()))
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("outbox")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
