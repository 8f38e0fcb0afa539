package io.ticketflow.producer.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.ticketflow.producer.state.KafkaReachability;
import io.ticketflow.producer.state.RestoreProgress;
import io.ticketflow.producer.state.ViewPosition;
import io.ticketflow.topics.TopicsConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The queue depth, tickets not yet taken by a worker (the workers' group lag on {@code tickets}, per partition, read
 * here so that it shows while no worker runs), and how far this instance's view is behind {@code ticket-state}. A
 * timer asks Kafka without blocking anyone; a scrape reads the last answer.
 */
@ApplicationScoped
public class KafkaLag {

    private final MetricsConfig config;
    private final TopicsConfig topics;
    private final Map<String, Object> kafkaConfig;
    private final ViewPosition view;
    private final Vertx vertx;
    private final AtomicLongArray queueDepth;
    private final AtomicLongArray viewLag;
    private Admin admin;
    private long timer = -1;

    public KafkaLag(MetricsConfig config, TopicsConfig topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ViewPosition view,
            RestoreProgress restore, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.topics = topics;
        this.kafkaConfig = kafkaConfig;
        this.view = view;
        this.vertx = vertx;
        this.queueDepth = new AtomicLongArray(topics.tickets().partitions());
        this.viewLag = new AtomicLongArray(view.partitions());
        for (int partition = 0; partition < queueDepth.length(); partition++) {
            int p = partition;
            Gauge.builder("ticketflow.queue.depth", () -> queueDepth.get(p))
                    .description("Tickets on the tickets topic not yet taken by a worker (the workers' consumer lag)")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
        }
        for (int partition = 0; partition < viewLag.length(); partition++) {
            int p = partition;
            Gauge.builder("ticketflow.view.lag.records", () -> viewLag.get(p))
                    .description("Decided states on ticket-state this instance's view has not applied yet")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
        }
        Gauge.builder("ticketflow.state.restore.records.left", restore, RestoreProgress::recordsLeft)
                .description("Records this instance's state stores still restore before it answers for them")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(KafkaReachability.adminConfig(kafkaConfig));
        timer = vertx.setPeriodic(0, config.lagInterval().toMillis(), id -> measure());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    private void measure() {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        partitions(topics.tickets().name(), queueDepth.length(), ends, starts);
        partitions(topics.state().name(), viewLag.length(), ends, starts);
        ListOffsetsResult end = admin.listOffsets(ends);
        ListOffsetsResult start = admin.listOffsets(starts);
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committed = admin
                .listConsumerGroupOffsets(config.workerGroup()).partitionsToOffsetAndMetadata();
        KafkaFuture.allOf(end.all(), start.all(), committed).whenComplete((done, failure) -> {
            if (failure != null) {
                Log.debugf("Queue depth and view lag not measured: %s", failure.toString());
                return;
            }
            try {
                measured(end.all().get(), start.all().get(), committed.get());
            } catch (Exception e) {
                Log.debugf("Queue depth and view lag not measured: %s", e.toString());
            }
        });
    }

    private void measured(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        for (int p = 0; p < queueDepth.length(); p++) {
            TopicPartition partition = new TopicPartition(topics.tickets().name(), p);
            OffsetAndMetadata taken = committed.get(partition);
            long from = Math.max(start.get(partition).offset(), taken == null ? 0 : taken.offset());
            queueDepth.set(p, Math.max(0, end.get(partition).offset() - from));
        }
        for (int p = 0; p < viewLag.length(); p++) {
            TopicPartition partition = new TopicPartition(topics.state().name(), p);
            long from = Math.max(start.get(partition).offset(), view.next(p));
            viewLag.set(p, Math.max(0, end.get(partition).offset() - from));
        }
    }

    private static void partitions(String topic, int count, Map<TopicPartition, OffsetSpec> ends,
            Map<TopicPartition, OffsetSpec> starts) {
        for (int p = 0; p < count; p++) {
            ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
            starts.put(new TopicPartition(topic, p), OffsetSpec.earliest());
        }
    }
}
