package org.backcare.progress.rest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.backcare.progress.query.Freshness;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The session-event consumer's own signal, on {@code /q/health/well} (a wellness check: it gates neither readiness
 * nor liveness, so reads keep answering while Kafka is down): the time the last event was applied and the largest
 * consumer lag. Down when records wait (lag above zero) and nothing was applied for {@link #STUCK_AFTER}: the
 * consumer is stuck or the broker is away.
 */
@Wellness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    static final Duration STUCK_AFTER = Duration.ofMinutes(5);
    private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    private final Freshness freshness;
    private final MeterRegistry metrics;
    private final Clock clock;

    public ConsumerHealth(Freshness freshness, MeterRegistry metrics, Clock clock) {
        this.freshness = freshness;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Instant> last = freshness.lastEventAt();
        double lag = metrics.find(LAG).gauges().stream()
                .mapToDouble(Gauge::value)
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(0);
        boolean stuck = lag > 0
                && last.map(t -> t.isBefore(clock.instant().minus(STUCK_AFTER))).orElse(true);
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("progress session-event consumer")
                .status(!stuck)
                .withData("lastEventAt", last.map(Instant::toString).orElse("none"))
                .withData("recordsLagMax", (long) lag);
        return answer.build();
    }
}
