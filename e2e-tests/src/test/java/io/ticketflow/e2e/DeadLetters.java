package io.ticketflow.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What lands on {@code tickets-dead-letter} after this was opened, by the record each dead letter copies. */
final class DeadLetters implements AutoCloseable {

    static final String TOPIC = "tickets-dead-letter";

    /** Where a dead-lettered record was: SmallRye's dead-letter-topic, -partition and -offset headers. */
    record Origin(String topic, int partition, long offset) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Origin, String> reasons = new HashMap<>();
    private int read;

    DeadLetters(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the lazy seek now, so that what is written from here on is read.
        partitions.forEach(consumer::position);
    }

    /**
     * Reads until a dead letter of every one of {@code expected} has arrived, or {@code timeout} has passed.
     *
     * @return the dead-letter-reason of every dead letter read so far, by origin (empty text without the header)
     */
    Map<Origin, String> await(Set<Origin> expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!reasons.keySet().containsAll(expected) && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                read++;
                Origin origin = new Origin(header(record, "dead-letter-topic"),
                        Integer.parseInt(header(record, "dead-letter-partition")),
                        Long.parseLong(header(record, "dead-letter-offset")));
                reasons.put(origin, header(record, "dead-letter-reason"));
            }
        }
        return Map.copyOf(reasons);
    }

    /** How many dead letters were read, including several of one record. */
    int read() {
        return read;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
