package io.ticketflow.benchmarks.kafka;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.util.List;

/** How many records a topic has taken so far: the sum of its partitions' end offsets, asked again and again. */
public final class TopicOffsets implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    public TopicOffsets(String bootstrapServers, String topic) {
        this.consumer = KafkaClients.consumer(bootstrapServers, null);
        this.partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
    }

    /** Records ever written to the topic (compaction does not lower it). */
    public long written() {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
