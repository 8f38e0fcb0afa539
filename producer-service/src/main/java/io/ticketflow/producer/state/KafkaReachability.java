package io.ticketflow.producer.state;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether this instance reaches Kafka now. Kafka Streams stays RUNNING through a broker outage (its clients retry),
 * so its state alone would report ready an instance whose view no longer follows the topic. A timer asks the
 * cluster for its nodes without blocking anyone; readiness reads the last answer.
 */
@ApplicationScoped
public class KafkaReachability {

    private final StateConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Vertx vertx;
    private Admin admin;
    private long timer = -1;
    private volatile Instant lastReached;
    private volatile String lastFailure = "not checked yet";

    public KafkaReachability(StateConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Vertx vertx) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(adminConfig(kafkaConfig));
        check();
        timer = vertx.setPeriodic(config.reachabilityInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (admin != null) {
            admin.close(java.time.Duration.ZERO);
        }
    }

    /** The admin client's settings among the application's Kafka settings. */
    public static Map<String, Object> adminConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        return adminConfig;
    }

    /** @return whether the last check, no older than two intervals, reached the cluster */
    public boolean reachable() {
        Instant reached = lastReached;
        return reached != null
                && reached.isAfter(Instant.now().minus(config.reachabilityInterval().multipliedBy(2)));
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void check() {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) config.reachabilityTimeout().toMillis()))
                .nodes()
                .whenComplete((nodes, failure) -> {
                    if (failure == null && !nodes.isEmpty()) {
                        lastReached = Instant.now();
                        return;
                    }
                    lastFailure = failure == null ? "no broker in the cluster" : failure.toString();
                    Log.debugf("Kafka not reachable: %s", lastFailure);
                });
    }
}
