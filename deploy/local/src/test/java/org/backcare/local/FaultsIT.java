package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.backcare.infra.KeycloakServer;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ground truth under faults, on a stack of its own: many simulated users record over ten thousand sets while the
 * Kafka broker is killed (SIGKILL) for over 20 s, the progress-service is killed and restarted, a hundred poison
 * messages land on the topic and PostgreSQL restarts. Afterwards every user's totals in the progress-service equal
 * what the session-service's database holds, every acknowledged set is there, and the dead-letter topic holds
 * exactly the poison. Then a rebuild from the topic gives the same answers, and three progress-service instances,
 * one killed mid-stream, stay exact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    static final int USERS = 20;
    static final int SESSIONS_PER_USER = 25;
    static final int SETS_PER_SESSION = 20;
    static final int POISON = 100;

    private static LocalStack stack;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();
    private static final Map<String, String> userIds = new TreeMap<>();
    private static final Set<String> acknowledgedSets = ConcurrentHashMap.newKeySet();
    private static final Set<String> poison = new HashSet<>();
    private static String admin;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startAStackOfItsOwnWithManyUsers() {
        stack = SharedStack.start("backcare-faults-");
        KeycloakServer keycloak = stack.infrastructure().keycloak();
        String master = given().formParams(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN_USER,
                        "password",
                        KeycloakServer.ADMIN_PASSWORD))
                .post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            String name = String.format("load-%02d", i);
            users.add(Map.of(
                    "username",
                    name,
                    "enabled",
                    true,
                    "email",
                    name + "@backcare.local",
                    "emailVerified",
                    true,
                    "firstName",
                    "Load",
                    "lastName",
                    name,
                    "credentials",
                    List.of(Map.of("type", "password", "value", name, "temporary", false)),
                    "realmRoles",
                    List.of("user")));
        }
        given().auth()
                .oauth2(master)
                .contentType(ContentType.JSON)
                .body(Map.of("users", users, "ifResourceExists", "FAIL"))
                .post(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/partialImport")
                .then()
                .statusCode(200);
        for (var user : users) {
            String name = (String) user.get("username");
            String token = keycloak.accessToken(name, name);
            tokens.put(name, token);
            userIds.put(name, HostileTokens.subject(token));
        }
        admin = keycloak.accessToken("admin", "admin");
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void underBrokerKillProgressKillPoisonAndADatabaseRestartEveryTotalIsExact() throws Exception {
        int total = USERS * SESSIONS_PER_USER * SETS_PER_SESSION;
        AtomicInteger recorded = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<?>> users = new ArrayList<>();
        for (String user : userIds.keySet()) {
            users.add(load.submit(() -> drive(user, SESSIONS_PER_USER, SETS_PER_SESSION, recorded)));
        }
        List<String> timeline = new ArrayList<>();
        Instant started = Instant.now();

        awaitRecorded(recorded, total / 10);
        stack.infrastructure().kafka().kill();
        timeline.add(at(started) + " Kafka broker killed (SIGKILL) at " + recorded.get() + " sets");
        Instant killed = Instant.now();
        awaitRecorded(recorded, total * 3 / 10);
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> Duration.between(killed, Instant.now()).toSeconds() >= 20);
        stack.infrastructure().kafka().start();
        timeline.add(at(started) + " Kafka broker restarted after "
                + Duration.between(killed, Instant.now()).toSeconds() + " s, at " + recorded.get() + " sets");

        awaitRecorded(recorded, total * 4 / 10);
        ServiceProcess progress = stack.service("progress-service");
        int owned = awaitConsuming(progress, Topics.SESSIONS.partitions());
        progress.kill();
        timeline.add(at(started) + " progress-service, consuming " + owned + " partitions, killed (SIGKILL) at "
                + recorded.get() + " sets");
        injectPoison();
        timeline.add(at(started) + " " + POISON + " poison messages injected into workout.session-events");
        awaitRecorded(recorded, total / 2);
        progress.start().awaitReady(Duration.ofSeconds(120));
        timeline.add(at(started) + " progress-service restarted at " + recorded.get() + " sets");

        awaitRecorded(recorded, total * 7 / 10);
        PostgresServer postgres = stack.infrastructure().postgres();
        postgres.stop();
        timeline.add(at(started) + " PostgreSQL stopped at " + recorded.get() + " sets");
        postgres.start();
        timeline.add(at(started) + " PostgreSQL restarted");

        for (Future<?> user : users) {
            user.get(10, TimeUnit.MINUTES);
        }
        load.shutdown();
        timeline.add(at(started) + " all " + recorded.get() + " sets acknowledged");

        Map<String, Totals> truth = awaitTotalsEqualTheSessionDatabase(timeline, started);
        timeline.forEach(line -> System.out.println("FaultsIT: " + line));
        assertThat(recorded.get()).isEqualTo(total);
        assertThat(storedSetIds())
                .as("acknowledged sets in the session database")
                .containsAll(acknowledgedSets);
        assertThat(truth.values().stream().mapToLong(Totals::sets).sum()).isEqualTo(acknowledgedSets.size());
        assertThat(deadLetters()).as("the dead-letter topic").containsExactlyInAnyOrderElementsOf(poison);
    }

    @Test
    @Order(2)
    void aRebuildFromTheTopicGivesTheSameAnswers() {
        Map<String, String> before = progressOfEveryUser();
        admin = stack.infrastructure().keycloak().accessToken("admin", "admin");

        String rebuildToken = admin;
        ProgressRebuild.runToTheEnd(stack.progressUrl(), rebuildToken);

        assertThat(progressOfEveryUser()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void threeProgressInstancesOneKilledMidStreamStayExact() throws Exception {
        ServiceProcess second = stack.startProgressInstance(2);
        ServiceProcess third = stack.startProgressInstance(3);
        AtomicInteger recorded = new AtomicInteger();
        int sessions = 5;
        int sets = 10;
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<?>> users = new ArrayList<>();
        for (String user : userIds.keySet()) {
            users.add(load.submit(() -> drive(user, sessions, sets, recorded)));
        }
        Instant started = Instant.now();
        List<String> timeline = new ArrayList<>();
        awaitGroup(3);
        timeline.add(at(started) + " three progress-service instances share the " + Topics.SESSIONS.partitions()
                + " partitions");
        awaitRecorded(recorded, USERS * sessions * sets / 3);
        int owned = awaitConsuming(second, 1);
        second.kill();
        timeline.add(at(started) + " one instance, consuming " + owned + " partitions, killed (SIGKILL) at "
                + recorded.get() + " sets");
        // the two left take the killed one's partitions over: every partition has a consumer again
        awaitGroup(2);
        assertThat(assignedPartitions(third) + assignedPartitions(stack.service("progress-service")))
                .as("partitions the two instances left consume")
                .isEqualTo(Topics.SESSIONS.partitions());
        for (Future<?> user : users) {
            user.get(10, TimeUnit.MINUTES);
        }
        load.shutdown();
        timeline.add(at(started) + " all " + recorded.get() + " sets acknowledged");

        awaitTotalsEqualTheSessionDatabase(timeline, started);
        timeline.forEach(line -> System.out.println("FaultsIT scale-out: " + line));
        assertThat(deadLetters()).containsExactlyInAnyOrderElementsOf(poison);
    }

    // --- the load ---------------------------------------------------------------------------------------------

    /** One user's sessions, each request retried until acknowledged: a 2xx is the only acknowledgement. */
    private void drive(String user, int sessions, int sets, AtomicInteger recorded) {
        Random random = new Random(user.hashCode());
        for (int s = 0; s < sessions; s++) {
            String session = UUID.randomUUID().toString();
            acknowledged(user, "POST", "/sessions", "{\"id\":\"" + session + "\",\"timeZone\":\"Europe/Berlin\"}");
            for (int i = 0; i < sets; i++) {
                String set = UUID.randomUUID().toString();
                String body = "{\"id\":\"" + set + "\",\"exerciseId\":\"" + DemoData.CHIN_TO_CHEST
                        + "\",\"holdSeconds\":" + (5 + random.nextInt(56)) + ",\"pain\":" + random.nextInt(4) + "}";
                acknowledged(user, "POST", "/sessions/" + session + "/sets", body);
                acknowledgedSets.add(set);
                recorded.incrementAndGet();
            }
            acknowledged(user, "POST", "/sessions/" + session + "/complete", "{\"painAfter\":1}");
        }
    }

    private void acknowledged(String user, String method, String path, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(stack.sessionUrl() + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + tokens.get(user))
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                if (response.statusCode() == 401) {
                    // the token expired during a long run: a fresh one, and the same request again
                    tokens.put(user, stack.infrastructure().keycloak().accessToken(user, user));
                    continue;
                }
                if (response.statusCode() / 100 == 4) {
                    throw new AssertionError(
                            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (java.io.IOException notAnsweredYet) {
                // the service or its database is restarting: the write was not acknowledged, try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (attempt > 600) {
                throw new AssertionError(method + " " + path + " was never acknowledged");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static void awaitRecorded(AtomicInteger recorded, int atLeast) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> recorded.get() >= atLeast);
    }

    private static String at(Instant started) {
        return String.format("%5.1f s", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    private static void injectPoison() {
        Properties properties = new Properties();
        properties.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafka().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < POISON; i++) {
                String value = switch (i % 4) {
                    case 0 ->
                        "{\"specversion\":\"1.0\",\"type\":\"workout.set.recorded.v1\",\"id\":\"poison-" + i + "\"}";
                    case 1 -> "not json at all " + i;
                    case 2 ->
                        "{\"specversion\":\"1.0\",\"type\":\"workout.unknown.v9\",\"id\":\"poison-" + i
                                + "\",\"data\":{}}";
                    default -> "[" + i + "]";
                };
                poison.add(value);
                producer.send(new ProducerRecord<>(Topics.SESSION_EVENTS, "poison-" + i, value));
            }
            producer.flush();
        }
    }

    // --- ground truth -------------------------------------------------------------------------------------

    record Totals(long sessions, long sets, long holdSeconds, long reps) {}

    private Map<String, Totals> awaitTotalsEqualTheSessionDatabase(List<String> timeline, Instant started) {
        Map<String, Totals> truth = sessionDatabaseTotals();
        Awaitility.await()
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(progressTotals()).isEqualTo(truth));
        timeline.add(at(started) + " every user's progress totals equal the session database");
        return truth;
    }

    private static Map<String, Totals> sessionDatabaseTotals() {
        Map<String, Totals> totals = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(
                        stack.infrastructure().postgres().jdbcUrl("session"),
                        PostgresServer.USER,
                        PostgresServer.PASSWORD);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select s.user_id,
                               count(distinct s.id),
                               count(w.id),
                               coalesce(sum(w.hold_seconds), 0),
                               coalesce(sum(w.reps), 0)
                        from workout_session s left join workout_set w on w.session_id = s.id
                        group by s.user_id""")) {
            while (r.next()) {
                totals.put(r.getString(1), new Totals(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        totals.keySet().retainAll(userIds.values());
        return totals;
    }

    private Map<String, Totals> progressTotals() {
        admin = stack.infrastructure().keycloak().accessToken("admin", "admin");
        Map<String, Totals> totals = new TreeMap<>();
        for (String id : userIds.values()) {
            var answer = given().auth()
                    .oauth2(admin)
                    .get(stack.progressUrl() + "/progress/users/" + id)
                    .then()
                    .statusCode(200)
                    .extract();
            totals.put(
                    id,
                    new Totals(
                            answer.<Integer>path("totals.sessions"),
                            answer.<Integer>path("totals.sets"),
                            answer.<Integer>path("totals.holdSeconds"),
                            answer.<Integer>path("totals.reps")));
        }
        return totals;
    }

    private Map<String, String> progressOfEveryUser() {
        admin = stack.infrastructure().keycloak().accessToken("admin", "admin");
        Map<String, String> answers = new TreeMap<>();
        for (String id : userIds.values()) {
            answers.put(
                    id,
                    given().auth()
                            .oauth2(admin)
                            .get(stack.progressUrl() + "/progress/users/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString()
                            // how fresh: a rebuild applies every event again, so this is the time it ran
                            .replaceFirst(",\"lastEventAt\":(null|\"[^\"]*\")", ""));
        }
        return answers;
    }

    private static Set<String> storedSetIds() {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(
                        stack.infrastructure().postgres().jdbcUrl("session"),
                        PostgresServer.USER,
                        PostgresServer.PASSWORD);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select id::text from workout_set")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    // --- who consumes -----------------------------------------------------------------------------------------

    /**
     * Waits until {@code instance} consumes at least {@code atLeast} partitions of workout.session-events (its own
     * Kafka client metrics say so), and answers how many: an instance killed "mid-stream" was consuming.
     */
    private static int awaitConsuming(ServiceProcess instance, int atLeast) {
        return Awaitility.await(instance.name() + " on port " + instance.port() + " consumes partitions")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> assignedPartitions(instance), owned -> owned >= atLeast);
    }

    /** The partitions of workout.session-events assigned to this instance's consumer, from its /q/metrics. */
    static int assignedPartitions(ServiceProcess instance) {
        String metrics = given().get(instance.url() + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        double assigned = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("kafka_consumer_coordinator_assigned_partitions{") && line.contains("session-events")) {
                assigned += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (int) assigned;
    }

    /**
     * Waits until the consumer group progress-service is stable with {@code members} members that together hold
     * every partition of workout.session-events (the broker's view, through an AdminClient).
     */
    private static void awaitGroup(int members) {
        Properties properties = new Properties();
        properties.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafka().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            Awaitility.await("the group progress-service: " + members + " members on every partition")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("progress-service"))
                                .describedGroups()
                                .get("progress-service")
                                .get(10, TimeUnit.SECONDS);
                        assertThat(group.members()).hasSize(members);
                        assertThat(group.members())
                                .allSatisfy(
                                        member -> assertThat(member.assignment().topicPartitions())
                                                .isNotEmpty());
                        assertThat(group.members().stream()
                                        .flatMap(m -> m.assignment().topicPartitions().stream())
                                        .filter(tp -> tp.topic().equals(Topics.SESSION_EVENTS))
                                        .distinct()
                                        .count())
                                .isEqualTo(Topics.SESSIONS.partitions());
                    });
        }
    }

    private static List<String> deadLetters() {
        Properties properties = new Properties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.infrastructure().kafka().bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.DLQ.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.SESSION_EVENTS_DLQ, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
