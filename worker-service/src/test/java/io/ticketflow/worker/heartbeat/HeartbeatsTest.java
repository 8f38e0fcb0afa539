package io.ticketflow.worker.heartbeat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.Topics;
import io.ticketflow.contract.WorkerHeartbeat;
import io.ticketflow.testing.ContractSchemas;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.processing.WorkerIdentity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker announces what it serves and how busy it is, on a timer, and leaves with a tombstone: read back from
 * the real topic, as the producer's dashboard reads it.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class HeartbeatsTest {

    private static final Duration PATIENCE = Duration.ofMinutes(1);
    private static final int SLOW_TICKETS = 12;

    @Inject
    WorkerIdentity identity;

    @Inject
    Heartbeats heartbeats;

    @Test
    void announcesItsTypesAndTicketsInFlightThenLeavesWithATombstone() {
        try (KafkaCompanion companion = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
             ConsumerTask<String, byte[]> read = companion.consume(String.class, byte[].class)
                     .withGroupId(WorkerKafka.uniqueId("heartbeats-test"))
                     .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                     .fromTopics(Topics.HEARTBEATS);
             WorkerKafka kafka = new WorkerKafka()) {
            String batch = WorkerKafka.uniqueId("heartbeat");
            kafka.sendAll(IntStream.range(0, SLOW_TICKETS).mapToObj(i -> new ProducerRecord<>(Topics.TICKETS,
                    batch + "-" + i, "{\"type\":\"delay\",\"payload\":{\"ms\":4000}}".getBytes(StandardCharsets.UTF_8)))
                    .toList());

            WorkerHeartbeat busy = await().atMost(PATIENCE).until(() -> mine(read).stream()
                    .filter(heartbeat -> heartbeat != null && heartbeat.inFlight() >= SLOW_TICKETS)
                    .findFirst().orElse(null), heartbeat -> heartbeat != null);
            assertThat(busy.types()).contains("delay", "echo", "http");
            assertThat(busy.limit()).isEqualTo(256);
            assertThat(busy.interval()).isEqualTo(1000);

            // Once the tickets are done, a later heartbeat says so.
            await().atMost(PATIENCE).until(() -> {
                List<WorkerHeartbeat> all = mine(read);
                return all.getLast() != null && all.getLast().at().isAfter(busy.at()) && all.getLast().inFlight() == 0;
            });

            heartbeats.onShutdown(null);
            await().atMost(PATIENCE).until(() -> mine(read).getLast() == null);
        }
    }

    /** This worker's heartbeats in the order written, a tombstone as null; each checked against the schema. */
    private List<WorkerHeartbeat> mine(ConsumerTask<String, byte[]> read) {
        return read.stream().filter(record -> identity.name().equals(record.key()))
                .map(HeartbeatsTest::heartbeat).toList();
    }

    private static WorkerHeartbeat heartbeat(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        ContractSchemas.assertValidHeartbeat(json);
        try {
            return TicketJson.mapper().readValue(json, WorkerHeartbeat.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
