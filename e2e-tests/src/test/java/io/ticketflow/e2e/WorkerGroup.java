package io.ticketflow.e2e;

import io.ticketflow.contract.ConsumerGroups;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The workers' consumer group on {@code tickets} as the broker sees it: who is in it, and what it committed. */
final class WorkerGroup implements AutoCloseable {

    static final String GROUP = ConsumerGroups.WORKER;
    static final String TOPIC = "tickets";

    /**
     * The group's make-up: a rebalance shows as another state, other member ids or another assignment.
     *
     * @param members each member's id with the tickets partitions it holds
     */
    record Membership(String state, Map<String, String> members) {
    }

    private final Admin admin;
    private final int partitions;

    WorkerGroup(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        partitions = get(admin.describeTopics(List.of(TOPIC)).allTopicNames()).get(TOPIC).partitions().size();
    }

    int partitions() {
        return partitions;
    }

    Membership membership() {
        ConsumerGroupDescription group = get(admin.describeConsumerGroups(List.of(GROUP)).all()).get(GROUP);
        Map<String, String> members = group.members().stream().collect(Collectors.toMap(MemberDescription::consumerId,
                member -> member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(TOPIC))
                        .map(TopicPartition::partition).sorted().map(String::valueOf)
                        .collect(Collectors.joining(",")),
                (first, second) -> first, TreeMap::new));
        return new Membership(group.groupState().toString(), members);
    }

    /** The committed offset of every tickets partition; 0 where the group committed nothing yet. */
    Map<Integer, Long> committed() {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata());
        return byPartition(partition -> {
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? 0L : offset.offset();
        });
    }

    /** The end offset of every tickets partition. */
    Map<Integer, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = byTopicPartition(partition -> OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
        return byPartition(partition -> ends.get(partition).offset());
    }

    private Map<Integer, Long> byPartition(Function<TopicPartition, Long> value) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toMap(partition -> partition,
                partition -> value.apply(new TopicPartition(TOPIC, partition)), (first, second) -> first,
                TreeMap::new));
    }

    private <V> Map<TopicPartition, V> byTopicPartition(Function<TopicPartition, V> value) {
        return IntStream.range(0, partitions).mapToObj(partition -> new TopicPartition(TOPIC, partition))
                .collect(Collectors.toMap(partition -> partition, value, (first, second) -> first,
                        () -> new TreeMap<>(Comparator.comparingInt(TopicPartition::partition))));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not answer an admin request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
