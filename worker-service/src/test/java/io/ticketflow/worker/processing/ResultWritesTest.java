package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.testing.SharedKafkaBroker;
import io.ticketflow.worker.WorkerKafka;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes of an outcome that fail, against the real broker. A transient failure: the broker is stopped while a ticket
 * runs, so its result (or its retry) cannot be written, then started again. The test profile gives the worker's
 * producers a 3 s delivery timeout, so each write has failed, to the worker, several times before the broker is
 * back. (Raising {@code min.insync.replicas} cannot make a single broker refuse writes: Kafka caps it at the
 * replication factor.) A failure for good: a dead-letter topic whose {@code max.message.bytes} refuses the record.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ResultWritesTest {

    /** The ticket ends 2 s into the outage; its write then fails for the rest of it. */
    private static final long RUN_MS = 2000;
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    @Test
    void aResultWrittenDuringABrokerOutageIsWrittenAfterItAndNeverDeadLettered() {
        String id = WorkerKafka.uniqueId("unwritable-result");
        List<TicketResult> results = duringOutage(id, "{\"type\": \"slow\", \"payload\": {\"ms\": " + RUN_MS + "}}");

        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        try (WorkerKafka kafka = new WorkerKafka()) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !deadLettered(kafka, id));
        }
    }

    @Test
    void aRetryScheduledDuringABrokerOutageIsScheduledAfterItNeitherFailedNorDeadLettered() {
        String id = WorkerKafka.uniqueId("unschedulable-retry");
        List<TicketResult> results = duringOutage(id,
                "{\"type\": \"flaky\", \"payload\": {\"failures\": 1, \"ms\": " + RUN_MS + "}}");

        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().attempt()).isEqualTo(2);
        assertThat(results).extracting(TicketResult::status).doesNotContain(TicketStatus.FAILED);
        try (WorkerKafka kafka = new WorkerKafka()) {
            assertThat(kafka.awaitRetries(id, 1)).hasSize(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !deadLettered(kafka, id));
        }
    }

    @Test
    void aDeadLetterKafkaRefusesForGoodStopsNeitherTheChannelNorLaterDeadLetters() {
        String bad = WorkerKafka.uniqueId("refused-dead-letter");
        String good = WorkerKafka.uniqueId("after-refused-dead-letter");
        try (WorkerKafka kafka = new WorkerKafka()) {
            kafka.setTopicConfig(Topics.DEAD_LETTERS, "max.message.bytes", "64");
            try {
                kafka.send(bad, "not json".getBytes(StandardCharsets.UTF_8));
                TicketResult rejected = kafka.awaitOutcome(bad).getLast();
                kafka.sendJson(good, "{\"type\": \"echo\", \"payload\": 1}");

                assertThat(rejected.error().code()).isEqualTo(TicketError.INVALID_TICKET);
                assertThat(kafka.awaitOutcome(good).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
            } finally {
                kafka.setTopicConfig(Topics.DEAD_LETTERS, "max.message.bytes", "2097152");
            }
            assertThat(deadLettered(kafka, bad)).as("dead-lettered").isFalse();
            // And the next dead letter is written as ever.
            String next = WorkerKafka.uniqueId("dead-letter-after-refused-one");
            kafka.send(next, "not json either".getBytes(StandardCharsets.UTF_8));
            assertThat(kafka.awaitDeadLetter(next)).isNotNull();
        }
    }

    /**
     * Writes the ticket, stops the broker once the ticket is RUNNING, starts it again after {@link #OUTAGE}, and
     * returns the ticket's results once it ended.
     */
    private static List<TicketResult> duringOutage(String id, String ticket) {
        LocalKafkaBroker broker = SharedKafkaBroker.localBroker().orElse(null);
        assumeTrue(broker != null, "needs the local broker, which a test may stop");
        try (WorkerKafka kafka = new WorkerKafka()) {
            kafka.sendJson(id, ticket);
            kafka.awaitResult(id, result -> result.status() == TicketStatus.RUNNING);
        }
        broker.stop();
        try {
            // The fault itself, not a wait for anything: writes fail for as long as the broker is away.
            LockSupport.parkNanos(OUTAGE.toNanos());
        } finally {
            broker.start();
        }
        try (WorkerKafka kafka = new WorkerKafka()) {
            return kafka.awaitOutcome(id);
        }
    }

    private static boolean deadLettered(WorkerKafka kafka, String key) {
        return kafka.deadLetters().stream().anyMatch(record -> key.equals(record.key()));
    }
}
