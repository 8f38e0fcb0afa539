package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything on {@code ticket-results} up to its current end: what the workers actually did. */
final class ResultsLog {

    /** One state change as written; {@code startedAt} tells one execution of an attempt from another. */
    record Entry(String ticketId, String status, int attempt, String startedAt) {
        boolean terminal() {
            return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    private ResultsLog() {
    }

    /** How many records {@code ticket-results} holds now. */
    static long count(String bootstrapServers) {
        try (var consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()
                    - consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static List<Entry> read(String bootstrapServers) {
        List<Entry> entries = new ArrayList<>();
        try (var consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = TicketsClient.parse(record.value());
                    entries.add(new Entry(record.key(), value.path("status").asText(), value.path("attempt").asInt(),
                            value.path("startedAt").asText()));
                }
            }
        }
        return entries;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor("ticket-results").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }
}
