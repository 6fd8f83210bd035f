package org.backcare.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application at the real Kafka broker process, with the system's topics created. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; stops when the JVM exits
    }
}
