package io.ticketflow.worker.cancel;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.testhandlers.HangingHandler;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Cancel commands on the real commands topic; a cancel of a waiting retry is in RetryWaitTest. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CancelTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();
    @Inject
    Cancellations cancellations;
    @Inject
    HangingHandler hanging;

    @Test
    void aTicketCancelledBeforeItStartsNeverRuns() {
        String id = WorkerKafka.uniqueId("cancelled-early");
        kafka.cancel(id);
        await().atMost(PATIENCE).until(() -> cancellations.isCancelled(id));

        kafka.sendJson(id, "{\"type\": \"echo\", \"payload\": 1}");

        List<TicketResult> results = kafka.awaitOutcome(id);
        assertThat(results).extracting(TicketResult::status, TicketResult::attempt)
                .containsExactly(tuple(TicketStatus.CANCELLED, 1));
        assertThat(results.getFirst().error().code()).isEqualTo(TicketError.CANCELLED);
    }

    @Test
    void aCancelStopsARunningTicketsWork() {
        String id = WorkerKafka.uniqueId("cancelled-running");
        kafka.sendJson(id, "{\"type\": \"hang\", \"timeoutMs\": 30000, \"maxAttempts\": 1}");
        kafka.awaitResult(id, result -> result.status() == TicketStatus.RUNNING);

        kafka.cancel(id);

        List<TicketResult> results = kafka.awaitOutcome(id);
        assertThat(results).extracting(TicketResult::status, TicketResult::attempt)
                .containsExactly(tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.CANCELLED, 1));
        assertThat(results.getLast().error().message()).isEqualTo("cancelled while running");
        assertThat(hanging.stopped(id)).isTrue();
    }

    @Test
    void anUnreadableCommandIsSkippedAndTheNextOneStillWorks() {
        String id = WorkerKafka.uniqueId("after-bad-command");
        kafka.sendAll(List.of(
                new ProducerRecord<>(Topics.COMMANDS, "x", "not json".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.COMMANDS, "y", "{\"ticketId\": \"y\", \"command\": \"EXPLODE\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.COMMANDS, "z", null)));

        kafka.cancel(id);

        await().atMost(PATIENCE).until(() -> cancellations.isCancelled(id));
    }
}
