package io.ticketflow.topics;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.ticketflow.contract.TopicProvisioner;
import io.ticketflow.contract.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the contract's topics when they are missing, before the messaging channels subscribe (so that a fresh
 * cluster gets explicit partition counts rather than the broker's auto-creation defaults).
 */
@ApplicationScoped
public class TopicProvisioning {

    private final TopicsConfig topics;
    /**
     * A dead letter is a refused record plus headers, so it may be over the 1 MiB the record was under; the worker's
     * dead-letter producers allow the same (max.request.size).
     */
    static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

    private final Map<String, Object> kafkaConfig;

    public TopicProvisioning(TopicsConfig topics, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.topics = topics;
        this.kafkaConfig = kafkaConfig;
    }

    // Runs before the reactive messaging connectors start (they observe StartupEvent at a later priority).
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        if (!topics.provision()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig())) {
            List<String> created = TopicProvisioner.ensure(admin, specs(), topics.provisionTimeout());
            if (!created.isEmpty()) {
                Log.infof("Created topics %s", created);
            }
        }
    }

    List<TopicSpec> specs() {
        return List.of(
                spec(topics.tickets(), TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.ticketsHigh(), TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.ticketsLow(), TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.results(), TopicConfig.CLEANUP_POLICY_DELETE),
                // Compaction keeps each ticket's newest decision; delete drops what outlived retention even where the
                // state machine's tombstone never came.
                spec(topics.state(), TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.retries(), TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.commands(), TopicConfig.CLEANUP_POLICY_DELETE),
                spec(topics.deadLetter(), TopicConfig.CLEANUP_POLICY_DELETE,
                        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTER_MAX_BYTES))),
                // Only each worker's newest heartbeat matters; delete drops workers that vanished without a tombstone.
                spec(topics.heartbeats(), TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE));
    }

    private TopicSpec spec(TopicsConfig.Topic topic, String cleanupPolicy) {
        return spec(topic, cleanupPolicy, Map.of());
    }

    private TopicSpec spec(TopicsConfig.Topic topic, String cleanupPolicy, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(more);
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        return new TopicSpec(topic.name(), topic.partitions(), topics.replicationFactor(), Map.copyOf(config));
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        return config;
    }
}
