package org.backcare.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
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

    private final DataSource dataSource;

    public OutboxReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*), coalesce(extract(epoch from now() -"
                        + " min(created_at)), 0) from outbox_message where published_at is null");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return HealthCheckResponse.named("outbox")
                    .up()
                    .withData("pending", rs.getLong(1))
                    .withData("oldestPendingSeconds", Math.round(rs.getDouble(2)))
                    .build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("outbox")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
