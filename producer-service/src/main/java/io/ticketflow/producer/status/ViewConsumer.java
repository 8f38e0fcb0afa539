package io.ticketflow.producer.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.ticketflow.topics.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * Materializes {@code tickets} and {@code ticket-results} into the {@link TicketStore} and the
 * {@link IdempotencyIndex}. Every instance reads every partition from the beginning with a consumer of its own (no
 * group: each instance must see all tickets), polled on one dedicated thread, so neither the event loop nor the
 * worker pool ever blocks on Kafka. A restart rebuilds both from the topics before readiness reports UP.
 */
@ApplicationScoped
public class ViewConsumer {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final ViewUpdater updater;
    private final TopicsConfig topics;
    private final StatusConfig config;
    private final Map<String, Object> kafkaConfig;
    private final CatchUpRequests catchUps = new CatchUpRequests();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long startupLag = -1;

    public ViewConsumer(TicketStore store, IdempotencyIndex idempotency, ObjectMapper mapper, TopicsConfig topics,
            StatusConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.updater = new ViewUpdater(store, idempotency, mapper, topics.tickets().name());
        this.topics = topics;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "ticket-status-view");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp();
        if (thread != null) {
            thread.join(SHUTDOWN_GRACE.toMillis());
        }
    }

    /** Completes once the view has read every record written before this call. */
    public CompletionStage<Void> catchUp() {
        CompletionStage<Void> caughtUp = catchUps.request();
        wakeUp();
        return caughtUp;
    }

    public boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    /** @return records left to read up to the end offsets seen at startup; empty until those are known */
    public OptionalLong startupLag() {
        long lag = startupLag;
        return lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag);
    }

    private void wakeUp() {
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
            consumer = kafka;
            List<TopicPartition> partitions = List.of();
            EndOffsets startupEnd = null;
            while (running) {
                try {
                    if (startupEnd == null) {
                        partitions = assignAll(kafka);
                        if (partitions.isEmpty()) {
                            Thread.sleep(config.pollTimeout().toMillis());
                            continue;
                        }
                        startupEnd = new EndOffsets(kafka.endOffsets(partitions));
                    }
                    for (ConsumerRecord<String, byte[]> record : poll(kafka)) {
                        updater.apply(record);
                    }
                    if (startupLag != 0) {
                        startupLag = startupEnd.lag(kafka::position);
                    }
                    List<TopicPartition> assigned = partitions;
                    catchUps.serve(() -> new EndOffsets(kafka.endOffsets(assigned)), kafka::position);
                } catch (WakeupException e) {
                    // Woken outside poll (by a catch-up request or shutdown): the loop condition decides.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.error("The status view stopped reading Kafka", e);
        }
    }

    /** Returns early when woken by a catch-up request, so that it is served without waiting for the timeout. */
    private ConsumerRecords<String, byte[]> poll(KafkaConsumer<String, byte[]> kafka) {
        try {
            return kafka.poll(catchUps.hasArrivals() ? Duration.ZERO : config.pollTimeout());
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * Topic provisioning ran before startup, so a missing topic is one an operator has not created yet.
     *
     * @return the partitions of both topics, or none while one is missing
     */
    private List<TopicPartition> assignAll(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.tickets().name(), topics.results().name())) {
            List<PartitionInfo> found = kafka.partitionsFor(topic);
            if (found.isEmpty()) {
                Log.warnf("Topic %s does not exist yet; the status view waits for it", topic);
                return List.of();
            }
            found.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        return partitions;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> consumerConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                consumerConfig.put(key, value);
            }
        });
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // The broker answers one request per connection at a time: a catch-up's end-offsets request queues behind
        // an idle fetch for up to this long.
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return consumerConfig;
    }
}
