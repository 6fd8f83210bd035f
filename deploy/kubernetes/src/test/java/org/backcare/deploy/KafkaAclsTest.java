package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The KafkaUsers of the prod overlay grant each service exactly what its application.properties uses: Read (and
 * Describe) on the topics of its incoming Kafka channels and Read on their consumer groups, Write (and Describe) on
 * the topics of its outgoing channels (an outbox channel: every topic the service's outbox rows name, its event
 * classes' TOPIC constants, since the relay sends each row to its own topic), the dead-letter topic of a
 * dead-letter-queue failure strategy, Write and Describe on a transactional id, and nothing on anything else. KEDA's
 * user may describe exactly the group and topic its trigger watches, which are the progress-service's.
 */
class KafkaAclsTest {

    private static final List<String> SERVICES = List.of("catalog-service", "session-service", "progress-service");

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final Pattern TOPIC_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+TOPIC\\s*=\\s*\"([^\"]+)\"");

    /** What one service needs: resource ("topic x", "group y") → operations, and where each need comes from. */
    record Needs(Map<String, Set<String>> operations, Map<String, String> sources) {
        Needs() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        void add(String resource, String source, String... ops) {
            operations.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(ops));
            sources.putIfAbsent(resource, source);
        }
    }

    /** The Kafka channels of a service's application.properties (the default profile: no %test. lines). */
    static Map<String, Map<String, String>> channels(String service, String direction) {
        Properties properties = new Properties();
        Path file = Overlays.PROJECT_ROOT.resolve(service).resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (m.matches() && m.group(1).equals(direction)) {
                channels.computeIfAbsent(m.group(2), c -> new TreeMap<>())
                        .put(m.group(3), properties.getProperty(key).trim());
            }
        }
        channels.values().removeIf(c -> !"smallrye-kafka".equals(c.get("connector")));
        return channels;
    }

    /** The topics the service's outbox rows name: the TOPIC constants of its main sources. */
    static Set<String> outboxTopics(String service) {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files =
                Files.walk(Overlays.PROJECT_ROOT.resolve(service).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = TOPIC_CONSTANT.matcher(Files.readString(file));
                while (m.find()) {
                    topics.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    static Needs needs(String service) {
        Needs needs = new Needs();
        String at = service + "/src/main/resources/application.properties: mp.messaging.";
        channels(service, "incoming").forEach((channel, c) -> {
            String topic = c.getOrDefault("topic", channel);
            needs.add("topic " + topic, at + "incoming." + channel + ".topic", "Read");
            String group = c.get("group.id");
            assertThat(group)
                    .as(at + "incoming." + channel + ".group.id must be set: the ACLs name the group")
                    .isNotNull();
            needs.add("group " + group, at + "incoming." + channel + ".group.id", "Read");
            if ("dead-letter-queue".equals(c.get("failure-strategy"))) {
                needs.add(
                        "topic " + c.getOrDefault("dead-letter-queue.topic", "dead-letter-topic-" + topic),
                        at + "incoming." + channel + ".dead-letter-queue.topic",
                        "Write");
            }
        });
        channels(service, "outgoing").forEach((channel, c) -> {
            needs.add("topic " + c.getOrDefault("topic", channel), at + "outgoing." + channel + ".topic", "Write");
            if (channel.equals("outbox")) {
                outboxTopics(service)
                        .forEach(t -> needs.add(
                                "topic " + t, service + "'s outbox rows (a TOPIC constant in its sources)", "Write"));
            }
            if (c.containsKey("transactional.id")) {
                needs.add(
                        "transactionalId " + c.get("transactional.id"),
                        at + "outgoing." + channel + ".transactional.id",
                        "Write",
                        "Describe");
            }
        });
        return needs;
    }

    /** The KafkaUser's literal ACLs: resource → operations. */
    static Map<String, Set<String>> granted(JsonNode user, List<String> problems) {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String key =
                    resource.path("type").asText() + " " + resource.path("name").asText();
            if (!"literal".equals(resource.path("patternType").asText("literal"))) {
                problems.add("KafkaUser " + Manifests.name(user) + ": " + key + " is not literal: grant each name");
            }
            acl.path("operations")
                    .forEach(o ->
                            granted.computeIfAbsent(key, k -> new TreeSet<>()).add(o.asText()));
        }
        return granted;
    }

    /** Every difference between what each user needs and what it is granted, one sentence each. */
    static List<String> mismatches(Manifests prod) {
        List<String> problems = new ArrayList<>();
        Map<String, Needs> all = new TreeMap<>();
        SERVICES.forEach(s -> all.put(s, needs(s)));
        all.put("keda", kedaNeeds(prod, problems));
        all.forEach((userName, needs) -> {
            JsonNode user = prod.find("KafkaUser", userName).orElse(null);
            if (user == null) {
                problems.add("no KafkaUser " + userName);
                return;
            }
            Map<String, Set<String>> granted = granted(user, problems);
            needs.operations()
                    .forEach((resource, ops) -> ops.forEach(op -> {
                        Set<String> has = granted.getOrDefault(resource, Set.of());
                        if (!has.contains(op) && !has.contains("All")) {
                            problems.add("KafkaUser " + userName + " lacks " + op + " on " + resource + " ("
                                    + needs.sources().get(resource) + ")");
                        }
                    }));
            granted.forEach((resource, ops) -> {
                Set<String> needed = needs.operations().get(resource);
                if (needed == null) {
                    problems.add("KafkaUser " + userName + " grants " + ops + " on " + resource + ", which " + userName
                            + " does not use: remove it");
                    return;
                }
                for (String op : ops) {
                    if (!needed.contains(op) && !op.equals("Describe")) {
                        problems.add("KafkaUser " + userName + " grants " + op + " on " + resource + ", but " + userName
                                + " needs only " + needed + ": remove it");
                    }
                }
            });
        });
        return problems;
    }

    /** KEDA describes the group and topic of its trigger, which must be the progress-service's session-events. */
    static Needs kedaNeeds(Manifests prod, List<String> problems) {
        Map<String, String> sessionEvents =
                channels("progress-service", "incoming").get("session-events");
        Needs needs = new Needs();
        prod.ofKind("ScaledObject").forEach(scaled -> {
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                JsonNode metadata = trigger.path("metadata");
                String group = metadata.path("consumerGroup").asText();
                String topic = metadata.path("topic").asText();
                if (!group.equals(sessionEvents.get("group.id")) || !topic.equals(sessionEvents.get("topic"))) {
                    problems.add("ScaledObject " + Manifests.name(scaled) + " watches group " + group + " on " + topic
                            + ", but progress-service's session-events channel is group "
                            + sessionEvents.get("group.id") + " on " + sessionEvents.get("topic"));
                }
                needs.add("group " + group, "the ScaledObject's consumerGroup", "Describe");
                needs.add("topic " + topic, "the ScaledObject's topic", "Describe");
            }
        });
        return needs;
    }

    @Test
    void theKafkaUsersGrantExactlyWhatTheServicesConfigurationUses() {
        assertThat(mismatches(Overlays.rendered("prod"))).isEmpty();
        // and the configuration was read: each service's needs as the code has them
        assertThat(needs("catalog-service").operations())
                .containsOnlyKeys("topic catalog.exercises", "topic catalog.routines");
        assertThat(needs("session-service").operations())
                .containsOnlyKeys(
                        "topic workout.session-events",
                        "topic catalog.exercises",
                        "group session-service-catalog-replica");
        assertThat(needs("progress-service").operations())
                .containsOnlyKeys(
                        "topic workout.session-events",
                        "topic workout.session-events.dlq",
                        "topic catalog.exercises",
                        "topic catalog.routines",
                        "group progress-service",
                        "group progress-service-catalog");
    }

    @Test
    void aMissingAclIsNamedWithTheSettingThatNeedsIt() {
        Manifests prod = Overlays.rendered("prod").copy();
        ArrayNode acls = (ArrayNode)
                prod.find("KafkaUser", "session-service").orElseThrow().at("/spec/authorization/acls");
        acls.remove(acls.size() - 1);

        assertThat(mismatches(prod))
                .containsExactly("KafkaUser session-service lacks Read on group session-service-catalog-replica"
                        + " (session-service/src/main/resources/application.properties:"
                        + " mp.messaging.incoming.catalog-exercises.group.id)");
    }

    @Test
    void anAclOnATopicTheServiceDoesNotUseIsNamed() {
        Manifests prod = Overlays.rendered("prod").copy();
        ObjectNode acl = ((ArrayNode)
                        prod.find("KafkaUser", "catalog-service").orElseThrow().at("/spec/authorization/acls"))
                .addObject();
        acl.putObject("resource")
                .put("type", "topic")
                .put("name", "workout.session-events")
                .put("patternType", "literal");
        acl.putArray("operations").add("Read");

        assertThat(mismatches(prod))
                .containsExactly("KafkaUser catalog-service grants [Read] on topic workout.session-events, which"
                        + " catalog-service does not use: remove it");
    }

    @Test
    void moreThanTheServiceNeedsOnATopicItUsesIsNamed() {
        Manifests prod = Overlays.rendered("prod").copy();
        ((ArrayNode) prod.find("KafkaUser", "progress-service")
                        .orElseThrow()
                        .at("/spec/authorization/acls/0/operations"))
                .add("Write");

        assertThat(mismatches(prod))
                .containsExactly("KafkaUser progress-service grants Write on topic workout.session-events, but"
                        + " progress-service needs only [Read]: remove it");
    }

    @Test
    void kedaWatchingAnotherGroupThanTheProgressServiceIsNamed() {
        Manifests prod = Overlays.rendered("prod").copy();
        ((ObjectNode) prod.find("ScaledObject", "progress-service")
                        .orElseThrow()
                        .at("/spec/triggers/0/metadata"))
                .put("consumerGroup", "progress");

        assertThat(mismatches(prod))
                .contains("ScaledObject progress-service watches group progress on workout.session-events, but"
                        + " progress-service's session-events channel is group progress-service on"
                        + " workout.session-events")
                .contains("KafkaUser keda lacks Describe on group progress (the ScaledObject's consumerGroup)");
    }
}
