package io.ticketflow.worker.retry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.ticketflow.contract.ConsumerGroups;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A ticket waiting minutes for its next attempt: its partition goes on running and committing other tickets
 * meanwhile, and a cancel ends its wait at once.
 */
@QuarkusTest
@TestProfile(RetryWaitTest.LongBackoff.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class RetryWaitTest {

    public static class LongBackoff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.worker.retry.initial-backoff", "10M", "ticketflow.worker.retry.max-backoff", "10M");
        }
    }

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();
    @AutoClose
    private final KafkaCompanion companion = new KafkaCompanion(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void aWaitingTicketHoldsBackNeitherItsPartitionNorItsCommitsAndACancelEndsItsWait() {
        String waiting = WorkerKafka.uniqueId("waiting");
        String behind = WorkerKafka.uniqueId("behind");
        RecordMetadata first = send(0, waiting, "{\"type\": \"flaky\", \"payload\": {\"failures\": 1}, \"maxAttempts\": 2}");
        TicketResult retrying = kafka.awaitResult(waiting, result -> result.status() == TicketStatus.RETRYING).getLast();
        assertThat(retrying.nextAttemptAt()).isAfter(retrying.startedAt().plus(Duration.ofMinutes(7)));

        RecordMetadata next = send(first.partition(), behind, "{\"type\": \"echo\", \"payload\": 1}");

        assertThat(kafka.awaitOutcome(behind).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        TopicPartition partition = new TopicPartition(Topics.TICKETS, first.partition());
        await().atMost(Duration.ofMinutes(2)).until(() -> committed(partition) > next.offset());

        kafka.cancel(waiting);

        List<TicketResult> results = kafka.awaitOutcome(waiting);
        assertThat(results).extracting(TicketResult::status, TicketResult::attempt).containsExactly(
                tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.RETRYING, 1), tuple(TicketStatus.CANCELLED, 2));
    }

    private RecordMetadata send(int partition, String id, String json) {
        return kafka.sendAll(List.of(new ProducerRecord<>(Topics.TICKETS, partition, id,
                json.getBytes(StandardCharsets.UTF_8)))).getFirst();
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = companion.consumerGroups().offsets(ConsumerGroups.WORKER, partition);
        return offset == null ? -1 : offset.offset();
    }
}
