package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.ConsumerGroups;
import io.ticketflow.contract.Topics;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.kafka.local.SecureListener;
import io.ticketflow.process.PackagedService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged services on a broker that speaks only SASL_SSL (SCRAM-SHA-512 over TLS) and enforces ACLs, each
 * service with its own principal allowed only its topics and groups: configured by the kafka.* properties alone
 * (what KAFKA_SECURITY_PROTOCOL and the like set), the whole submit → result loop works, and no password reaches a
 * service's log.
 */
class SaslScramIT {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final String PRODUCER = "producer";
    private static final String WORKER = "worker";
    private static final List<String> TICKETS = List.of(Topics.TICKETS, Topics.TICKETS_HIGH, Topics.TICKETS_LOW);
    /** Both services create the missing ones at startup (TopicProvisioning). */
    private static final List<String> ALL_TOPICS = List.of(Topics.TICKETS, Topics.TICKETS_HIGH, Topics.TICKETS_LOW,
            Topics.RESULTS, Topics.STATE, Topics.RETRIES, Topics.COMMANDS, Topics.DEAD_LETTERS, Topics.HEARTBEATS);

    private static SecureListener secure;
    private static LocalKafkaBroker broker;
    private static PackagedService producer;
    private static PackagedService worker;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ticketflow-scram-");
        secure = SecureListener.create(dir.resolve("tls"), List.of(PRODUCER, WORKER));
        broker = LocalKafkaBroker.create(0, dir.resolve("broker"), secure).start();
        try (Admin admin = Admin.create(client(SecureListener.ADMIN))) {
            admin.createAcls(acls()).all().get(60, TimeUnit.SECONDS);
        }
        producer = Instances.producer("scram-producer", broker.bootstrapServers(),
                Instances.freshStateDir("scram-producer"), settings(PRODUCER));
        worker = Instances.worker("scram-worker", broker.bootstrapServers(), settings(WORKER));
        Instances.awaitReady(List.of(producer, worker), READY);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            Instances.stopAll(List.of(producer, worker));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ticketsGoThroughAndNoPasswordIsLogged() throws Exception {
        TicketsClient tickets = new TicketsClient(producer.uri(""));
        List<String> ids = new ArrayList<>();
        for (String priority : List.of("high", "normal", "low")) {
            ids.add(tickets.submitAccepted("{\"type\":\"echo\",\"priority\":\"" + priority + "\",\"payload\":{\"n\":"
                    + ids.size() + "}}").join());
        }
        for (int i = 0; i < ids.size(); i++) {
            JsonNode view = TicketsClient.parse(tickets.getKnown(ids.get(i), "30s").join().body());
            assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("SUCCEEDED");
            assertThat(view.path("result").path("n").asInt()).isEqualTo(i);
        }

        for (Path log : List.of(producer.log(), worker.log(), broker.logFile())) {
            String text = Files.readString(log);
            assertThat(text).as(log + " is silent about authorization").doesNotContain("AuthorizationException");
            assertThat(secure.users().values()).as(log.toString())
                    .allSatisfy(password -> assertThat(text).doesNotContain(password));
            assertThat(text).as(log.toString()).doesNotContain(secure.storePassword());
        }
    }

    /** Each principal: only the operations on only the topics and groups its service uses. */
    private static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : ALL_TOPICS) {
            for (String user : List.of(PRODUCER, WORKER)) {
                allow(acls, user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE,
                        AclOperation.CREATE);
            }
        }
        // Submissions and cancels; the state machine reads tickets, reports and commands, and writes the state.
        for (String topic : concat(TICKETS, List.of(Topics.COMMANDS))) {
            allow(acls, PRODUCER, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE);
        }
        for (String topic : concat(TICKETS, List.of(Topics.RESULTS, Topics.COMMANDS, Topics.STATE,
                Topics.HEARTBEATS))) {
            allow(acls, PRODUCER, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ);
        }
        allow(acls, PRODUCER, ResourceType.TOPIC, Topics.STATE, PatternType.LITERAL, AclOperation.WRITE);
        // The state machine's Kafka Streams application: its group, and its internal topics (changelogs,
        // repartitions), which it creates and trims.
        allow(acls, PRODUCER, ResourceType.GROUP, "ticketflow-state", PatternType.LITERAL, AclOperation.READ);
        allow(acls, PRODUCER, ResourceType.TOPIC, "ticketflow-state-", PatternType.PREFIXED, AclOperation.ALL);
        // The dashboard: each instance reads worker-heartbeats in a group of its own.
        allow(acls, PRODUCER, ResourceType.GROUP, "ticketflow-dashboard-", PatternType.PREFIXED, AclOperation.READ);
        // The queue depth metric reads the workers' committed offsets.
        allow(acls, PRODUCER, ResourceType.GROUP, ConsumerGroups.WORKER, PatternType.LITERAL, AclOperation.DESCRIBE);

        for (String topic : concat(TICKETS, List.of(Topics.RETRIES, Topics.COMMANDS, Topics.STATE))) {
            allow(acls, WORKER, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ);
        }
        // Results and callback outcomes, retries parked and released (to the ticket's priority), dead letters,
        // heartbeats.
        for (String topic : concat(TICKETS, List.of(Topics.RESULTS, Topics.RETRIES, Topics.DEAD_LETTERS,
                Topics.HEARTBEATS))) {
            allow(acls, WORKER, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE);
        }
        for (String group : List.of("ticketflow-worker", "ticketflow-worker-high", "ticketflow-worker-low",
                "ticketflow-worker-retries", "ticketflow-callbacks")) {
            allow(acls, WORKER, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ);
        }
        // Every worker instance reads the commands in a group of its own.
        allow(acls, WORKER, ResourceType.GROUP, "ticketflow-worker-commands-", PatternType.PREFIXED,
                AclOperation.READ);
        return acls;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void allow(List<AclBinding> acls, String user, ResourceType type, String name, PatternType pattern,
            AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /**
     * What a deployment sets, and only that: the kafka.* settings every channel and admin client reads, which the
     * producer's Kafka Streams takes too (application.properties).
     */
    private static Map<String, String> settings(String user) {
        Map<String, String> settings = new HashMap<>();
        secure.clientProperties(user).forEach((name, value) -> settings.put("kafka." + name, value));
        return settings;
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>(secure.clientProperties(user));
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }
}
