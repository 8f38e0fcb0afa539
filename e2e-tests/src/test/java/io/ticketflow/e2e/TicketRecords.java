package io.ticketflow.e2e;

import io.ticketflow.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ticket records written to {@code tickets} after this was opened, by ticket id: when each was created (the
 * record's timestamp, set by the producer's Kafka client when the ticket was handed to it).
 */
final class TicketRecords implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Instant> created = new HashMap<>();

    TicketRecords(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TICKETS).stream()
                .map(info -> new TopicPartition(Topics.TICKETS, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the lazy seek now, so that what is written from here on is read.
        partitions.forEach(consumer::position);
    }

    /** When the record of ticket {@code id} was created; reads until it has come, or fails after {@code timeout}. */
    Instant timestampOf(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!created.containsKey(id)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No record of ticket " + id + " on " + Topics.TICKETS + " within " + timeout);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                created.put(TicketsClient.parse(record.value()).path("id").asText(),
                        Instant.ofEpochMilli(record.timestamp()));
            }
        }
        return created.get(id);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
