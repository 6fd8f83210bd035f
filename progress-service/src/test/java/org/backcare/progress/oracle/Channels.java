package org.backcare.progress.oracle;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The service's consumers as Kafka hands them records: the method that takes the channel {@code session-events}
 * (a poll's {@link ConsumerRecords}) and those of the catalog's channels, found by their {@link Incoming} channel
 * name among the beans, so that the tests do not depend on where the consumer classes live.
 */
final class Channels {

    private Channels() {}

    /** One poll: the payloads as records of partition 0 of workout.session-events, in order. */
    static void sessionEvents(List<String> payloads, long firstOffset) {
        TopicPartition partition = new TopicPartition("workout.session-events", 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = firstOffset;
        for (String payload : payloads) {
            records.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset++, null, payload));
        }
        invoke("session-events", new ConsumerRecords<>(Map.of(partition, records), Map.of()));
    }

    static void catalogExercise(String payload) {
        invoke("catalog-exercises", payload);
    }

    static void catalogRoutine(String payload) {
        invoke("catalog-routines", payload);
    }

    private static final Map<String, Object[]> FOUND = new LinkedHashMap<>();

    private static synchronized void invoke(String channel, Object argument) {
        Object[] target = FOUND.computeIfAbsent(channel, Channels::find);
        try {
            ((Method) target[1]).invoke(target[0], argument);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the consumer of " + channel + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] find(String channel) {
        BeanManager beans = Arc.container().beanManager();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Method method : bean.getBeanClass().getDeclaredMethods()) {
                Incoming incoming = method.getAnnotation(Incoming.class);
                if (incoming != null && incoming.value().equals(channel)) {
                    Object instance =
                            beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
                    method.setAccessible(true);
                    return new Object[] {instance, method};
                }
            }
        }
        throw new IllegalStateException("no bean consumes the channel " + channel);
    }
}
