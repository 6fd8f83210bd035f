package org.backcare.kafkatrust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When a service restarts to trust a renewed Kafka cluster CA. */
@ConfigMapping(prefix = "backcare.kafka-trust")
public interface KafkaTrustConfig {

    /**
     * Once the mounted CA differs from the one the Kafka clients loaded, the liveness check turns DOWN after a
     * random delay up to this long, chosen per process, so the replicas restart one after another and not together.
     * Strimzi renews a CA 30 days before the old one expires and keeps its key by default, so the old CA keeps
     * working meanwhile: six hours spreads the restarts and leaves weeks to spare.
     */
    @WithDefault("PT6H")
    Duration restartWindow();

    /** How often the mounted file is read again (a small file; the kubelet refreshes Secret volumes in about a minute). */
    @WithDefault("PT30S")
    Duration recheckInterval();
}
