package io.ticketflow.worker.retry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tickets with a {@code runAt} (from REST or written by hand): parked on the real retry topic, released by the relay
 * when due. The test profile's max-backoff (1 s) is shorter than the waits here, so every scheduled ticket is also
 * re-parked on the way.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ScheduledTicketsTest {

    private static final Duration AHEAD = Duration.ofSeconds(4);

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aTicketDueLaterStartsNoEarlierThanItsRunAtAndRunsOnce() {
        String id = WorkerKafka.uniqueId("scheduled");
        Instant runAt = Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.MILLIS);
        kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"echo\", \"payload\": 1, \"runAt\": \"%s\"}".formatted(id, runAt));

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status)
                .containsExactly(TicketStatus.RUNNING, TicketStatus.SUCCEEDED);
        assertThat(results.getFirst().startedAt()).isAfterOrEqualTo(runAt).isBefore(runAt.plusSeconds(3));
        List<TicketRecord> parked = kafka.retriesOf(id);
        assertThat(parked).as("parked, then re-parked each max-backoff (1 s) until due").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(record -> {
                    assertThat(record.notBefore()).isEqualTo(runAt);
                    assertThat(record.runAt()).isEqualTo(runAt);
                    assertThat(record.attemptNumber()).isEqualTo(1);
                });
    }

    @Test
    void aScheduledTicketCancelledWhileItWaitsNeverStarts() {
        String id = WorkerKafka.uniqueId("scheduled-cancelled");
        Instant runAt = Instant.now().plus(Duration.ofMinutes(10));
        kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"echo\", \"runAt\": \"%s\"}".formatted(id, runAt));
        kafka.awaitRetries(id, 1);

        kafka.cancel(id);

        List<TicketResult> results = kafka.awaitOutcome(id);
        assertThat(results).extracting(TicketResult::status).containsExactly(TicketStatus.CANCELLED);
        assertThat(results.getFirst().error().message()).isEqualTo("cancelled before it started");
    }

    @Test
    void aRunAtAlreadyPastRunsAtOnce() {
        String id = WorkerKafka.uniqueId("scheduled-past");
        kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"echo\", \"runAt\": \"%s\"}".formatted(id,
                Instant.now().minus(Duration.ofHours(1))));

        assertThat(kafka.awaitOutcome(id).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(kafka.retriesOf(id)).isEmpty();
    }

    @Test
    void aTicketStillWaitingIsNotHeldBackByOneDueLongAfter() {
        String late = WorkerKafka.uniqueId("scheduled-late");
        String soon = WorkerKafka.uniqueId("scheduled-soon");
        Instant now = Instant.now();
        kafka.sendJson(late, "{\"id\": \"%s\", \"type\": \"echo\", \"runAt\": \"%s\"}".formatted(late,
                now.plus(Duration.ofHours(1))));
        kafka.sendJson(soon, "{\"id\": \"%s\", \"type\": \"echo\", \"runAt\": \"%s\"}".formatted(soon,
                now.plus(Duration.ofSeconds(2))));

        assertThat(kafka.awaitOutcome(soon).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> kafka.results(late).isEmpty());
    }
}
