package io.ticketflow.kafka.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broker's SASL_SSL option: SCRAM-SHA-512 over TLS, and ACLs that deny what they do not allow. */
class SecureListenerTest {

    private static SecureListener secure;
    private static LocalKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ticketflow-secure-");
        secure = SecureListener.create(dir.resolve("tls"), List.of("writer", "stranger"));
        broker = LocalKafkaBroker.create(0, dir.resolve("broker"), secure).start();
        try (Admin admin = Admin.create(config(SecureListener.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("granted", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, "granted", PatternType.LITERAL);
            admin.createAcls(List.of(AclOperation.WRITE, AclOperation.DESCRIBE).stream()
                    .map(operation -> new AclBinding(topic, new AccessControlEntry("User:writer", "*", operation,
                            AclPermissionType.ALLOW)))
                    .toList()).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aUserWithAnAclWritesOverTls() throws Exception {
        try (KafkaProducer<String, String> producer = producer(config("writer"))) {
            assertThat(producer.send(new ProducerRecord<>("granted", "k", "v")).get(60, TimeUnit.SECONDS).offset())
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aUserWithoutOneIsDenied() {
        try (KafkaProducer<String, String> producer = producer(config("stranger"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("granted", "k", "v")).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsNotAuthenticated() {
        Map<String, Object> config = config("writer");
        config.put("sasl.jaas.config", secure.jaas("writer").replace(secure.users().get("writer"), "not-it"));
        try (KafkaProducer<String, String> producer = producer(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("granted", "k", "v")).get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void noPasswordReachesTheBrokersLog() throws Exception {
        String log = Files.readString(broker.logFile());
        assertThat(secure.users().values()).allSatisfy(password -> assertThat(log).doesNotContain(password));
        assertThat(log).doesNotContain(secure.storePassword());
    }

    private static Map<String, Object> config(String user) {
        Map<String, Object> config = new HashMap<>(secure.clientProperties(user));
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
