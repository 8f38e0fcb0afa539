package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ticket record whose key is its id, written to a partition of {@code tickets} other than the one Kafka's Java
 * default partitioner (murmur2) picks for that key, as a producer with another partitioner writes it (librdkafka's
 * default, consistent_random, hashes with CRC32; BadInputPropertyIT's probes pick their partition explicitly). The
 * worker's reports land on the key's default partition of {@code ticket-results}. The ticket must still end with its
 * one decided outcome, like any other.
 *
 * <p>Found failing on 2026-11-30: the state machine read such a record in place (its key is its id), so the task of
 * the record's partition decided QUEUED while the task of the key's partition created the ticket a second time from
 * the report; both wrote revision 1 to {@code ticket-state}, and the view kept QUEUED for good.
 */
class ForeignPartitionIT {

    private static final Duration READY = Duration.ofMinutes(2);
    private static final List<PackagedService> producers = new ArrayList<>();

    @AfterAll
    static void stop() {
        Instances.stopAll(producers);
    }

    @Test
    void aTicketOnAnotherPartitionThanItsKeysStillEndsWithItsOutcome() throws Exception {
        String bootstrapServers = SharedKafkaBroker.bootstrapServers();
        PackagedService producer = Instances.producer("foreign-partition-producer", bootstrapServers,
                Instances.freshStateDir("foreign-partition-producer"));
        producers.add(producer);
        producer.awaitReady(READY, waited -> { });
        TicketsClient client = new TicketsClient(producer.uri(""));
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            partitions = admin.describeTopics(List.of(Topics.TICKETS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.TICKETS).partitions().size();
        }

        Map<String, Integer> written = new LinkedHashMap<>();
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                String id = "foreign-" + UUID.randomUUID();
                int keyPartition = partitionOf(id, partitions);
                int elsewhere = (keyPartition + 1 + i) % partitions;
                String ticket = "{\"id\":\"" + id + "\",\"type\":\"echo\",\"payload\":" + i + "}";
                kafka.send(new ProducerRecord<>(Topics.TICKETS, elsewhere, id, ticket)).get();
                written.put(id, elsewhere);
            }
            // Decided QUEUED first, then the worker's outcome arrives, keyed by id as every worker writes it.
            for (String id : written.keySet()) {
                HttpResponse<String> queued = client.getKnown(id, null).join();
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(200);
                JsonNode result = JsonNodeFactory.instance.objectNode().put("echoed", id);
                kafka.send(new ProducerRecord<>(Topics.RESULTS, id, TicketJson.mapper().writeValueAsString(
                        TicketResult.succeeded(id, 1, result, Instant.now(), Instant.now(), "e2e-foreign")))).get();
            }
        }

        long reported = System.nanoTime();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> ticket : written.entrySet()) {
            String id = ticket.getKey();
            HttpResponse<String> answer;
            try {
                answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> client.get(id, "5s").join(), view -> view.statusCode() == 200
                                && TicketsClient.parse(view.body()).path("status").asText().equals("SUCCEEDED"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                answer = client.get(id, null).join();
            }
            JsonNode view = TicketsClient.parse(answer.body());
            if (!view.path("status").asText().equals("SUCCEEDED") || !view.path("type").asText().equals("echo")) {
                problems.add(id + " (record on tickets-" + ticket.getValue() + ", key's partition "
                        + partitionOf(id, partitions) + "): " + answer.body());
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tickets", written.size());
        figures.put("partitionsWritten", written.values());
        figures.put("allSucceededAfterReportsMs", (System.nanoTime() - reported) / 1_000_000);
        figures.put("notSucceeded", problems.size());
        Figures.report("foreign-partition", figures);
        assertThat(problems).as("tickets not SUCCEEDED (with their type) 30 s after their outcome").isEmpty();
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
