package org.backcare.kafkatrust;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Liveness "kafka-trust": UP while the Kafka clients trust the CA that is mounted; DOWN once the mounted CA has
 * changed (Strimzi renewed it) and this process's random share of {@code backcare.kafka-trust.restart-window} has
 * passed, so the kubelet restarts the container and the clients load the new CA. Without a PEM trust store
 * ({@code kafka.ssl.truststore.location}, e.g. the local stack's plain listener) there is nothing to watch: UP.
 */
@Liveness
@ApplicationScoped
public class KafkaTrustCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(KafkaTrustCheck.class);

    private final Optional<TrustStoreWatch> watch;

    KafkaTrustCheck(
            @ConfigProperty(name = "kafka.ssl.truststore.location") Optional<String> trustStore,
            KafkaTrustConfig config) {
        Duration window = config.restartWindow();
        Duration delay = window.isZero()
                ? Duration.ZERO
                : Duration.ofMillis(ThreadLocalRandom.current().nextLong(window.toMillis() + 1));
        this.watch = trustStore
                .filter(location -> !location.isBlank())
                .map(location ->
                        new TrustStoreWatch(Path.of(location), delay, config.recheckInterval(), Clock.systemUTC()));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("kafka-trust");
        if (watch.isEmpty()) {
            return answer.up().withData("trustStore", "none").build();
        }
        TrustStoreWatch w = watch.get();
        answer.withData("trustStore", w.file().toString());
        var changed = w.changeSeenAt();
        if (changed.isEmpty()) {
            return answer.up().build();
        }
        answer.withData("changedAt", changed.get().toString())
                .withData("restartAfter", changed.get().plus(w.delay()).toString());
        if (!w.restartDue()) {
            return answer.up().build();
        }
        LOG.warnf(
                "The Kafka CA at %s changed at %s; the Kafka clients trust only the one loaded at start:"
                        + " asking for a restart",
                w.file(), changed.get());
        return answer.down().build();
    }
}
