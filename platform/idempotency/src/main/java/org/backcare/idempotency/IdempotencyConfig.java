package org.backcare.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long Idempotency-Key answers are kept, and when a claim left pending may be taken over. */
@ConfigMapping(prefix = "backcare.idempotency")
public interface IdempotencyConfig {

    /**
     * A key's answer is replayed for this long after the first request; after it the key is as good as new (the
     * record is treated as absent and purged).
     */
    @WithDefault("PT24H")
    Duration retention();

    /**
     * A claim still pending after this long was left by a request that never finished (a crash, a killed pod):
     * a retry with the same key takes it over and runs. Younger pending claims answer 409.
     */
    @WithDefault("PT1M")
    Duration pendingTimeout();

    /** How often expired records are deleted (IdempotencyPurge); until then they are already treated as absent. */
    @WithDefault("PT15M")
    Duration purgeInterval();

    /** Expired records are deleted at most this many per statement, statement after statement. */
    @WithDefault("10000")
    int purgeBatchSize();
}
