package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code ticketflow.worker.running-after} set, only attempts that outlast it report RUNNING. */
@QuarkusTest
@TestProfile(RunningAfterTest.RunningAfter.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class RunningAfterTest {

    public static class RunningAfter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.worker.running-after", "500ms");
        }
    }

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aShortTicketWritesOnlyItsResult() {
        String id = WorkerKafka.uniqueId("short");
        kafka.sendJson(id, "{\"type\": \"echo\", \"payload\": 1}");

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status).containsExactly(TicketStatus.SUCCEEDED);
    }

    @Test
    void aLongTicketReportsRunningWhenItStartedThenItsResult() {
        String id = WorkerKafka.uniqueId("long");
        kafka.sendJson(id, "{\"type\": \"delay\", \"payload\": {\"ms\": 1500}}");

        // Without the delay's progress reports (at 1 s), which ProgressReportsTest covers.
        List<TicketResult> results = kafka.awaitOutcome(id).stream().filter(result -> result.progress() == null)
                .toList();

        assertThat(results).extracting(TicketResult::status)
                .containsExactly(TicketStatus.RUNNING, TicketStatus.SUCCEEDED);
        TicketResult running = results.getFirst();
        TicketResult succeeded = results.getLast();
        assertThat(running.startedAt()).isEqualTo(succeeded.startedAt());
        assertThat(Duration.between(succeeded.startedAt(), succeeded.finishedAt())).isGreaterThanOrEqualTo(
                Duration.ofMillis(1500));
    }

    @Test
    void aCancelledLongTicketStillEndsCancelled() {
        String id = WorkerKafka.uniqueId("cancelled");
        kafka.sendJson(id, "{\"type\": \"delay\", \"payload\": {\"ms\": 60000}}");
        kafka.awaitResult(id, result -> result.status() == TicketStatus.RUNNING);

        kafka.cancel(id);

        assertThat(kafka.awaitOutcome(id)).filteredOn(result -> result.progress() == null)
                .extracting(TicketResult::status)
                .containsExactly(TicketStatus.RUNNING, TicketStatus.CANCELLED);
    }
}
