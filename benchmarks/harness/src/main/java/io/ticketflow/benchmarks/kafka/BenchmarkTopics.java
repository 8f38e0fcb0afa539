package io.ticketflow.benchmarks.kafka;

import io.ticketflow.contract.TopicProvisioner;
import io.ticketflow.contract.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates a pair of tickets and results topics shaped as the services create theirs (six partitions each, results
 * compacted), before anything is preloaded: a service starting later finds them and leaves them alone.
 */
public final class BenchmarkTopics {

    public static final int PARTITIONS = 6;

    private BenchmarkTopics() {
    }

    public static void create(String bootstrapServers, String ticketsTopic, String resultsTopic) {
        create(bootstrapServers, ticketsTopic, resultsTopic, PARTITIONS);
    }

    public static void create(String bootstrapServers, String ticketsTopic, String resultsTopic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner.ensure(admin, List.of(
                    new TopicSpec(ticketsTopic, partitions, (short) 1, Map.of()),
                    new TopicSpec(resultsTopic, partitions, (short) 1, Map.of("cleanup.policy", "compact"))),
                    Duration.ofSeconds(30));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topics " + ticketsTopic + " and " + resultsTopic, e);
        }
    }
}
