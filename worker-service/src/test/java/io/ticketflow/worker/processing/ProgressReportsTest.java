package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler's progress reports (a blocking handler's too) reach ticket-results coalesced, between RUNNING and the
 * outcome.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ProgressReportsTest {

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aHundredReportsInASecondBecomeAFewRecordsThenTheOutcome() {
        String id = WorkerKafka.uniqueId("chatty");
        kafka.sendJson(id, "{\"type\": \"chatty\", \"payload\": {\"reports\": 100, \"everyMs\": 10}}");

        List<TicketResult> results = kafka.awaitOutcome(id);

        List<TicketResult> reports = results.stream().filter(result -> result.progress() != null).toList();
        assertThat(reports).hasSizeBetween(1, 3);
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.status()).isEqualTo(TicketStatus.RUNNING);
            assertThat(report.attempt()).isEqualTo(1);
            assertThat(report.startedAt()).isEqualTo(results.getFirst().startedAt());
        });
        // Latest wins: what a report carries is the last one made before it was written, in order.
        assertThat(reports).extracting(report -> report.progress().percent()).isSorted();
        TicketProgress first = reports.getFirst().progress();
        assertThat(first.output()).hasSize(first.percent());
        assertThat(first.message()).isEqualTo("step " + first.percent());
        assertThat(results.getFirst().status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().progress()).isNull();
        assertThat(results.getLast().result().path("reports").asInt()).isEqualTo(100);
    }

    @Test
    void aDelayTicketReportsHowLongItHasWaited() {
        String id = WorkerKafka.uniqueId("delay-progress");
        kafka.sendJson(id, "{\"type\": \"delay\", \"payload\": {\"ms\": 3500}}");

        List<TicketResult> results = kafka.awaitOutcome(id);

        List<TicketProgress> reports = results.stream().map(TicketResult::progress)
                .filter(progress -> progress != null).toList();
        // At about 1, 2 and 3 s; each written as it came (one a second is what coalescing lets through).
        assertThat(reports).hasSizeBetween(2, 3);
        assertThat(reports).extracting(TicketProgress::percent).isSorted()
                .allSatisfy(percent -> assertThat(percent).isBetween(25, 99));
        assertThat(reports.getLast().message()).matches("waited \\d+ of 3500 ms");
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
    }

    @Test
    void blockingCodeReportsFromItsPoolThread() {
        String id = WorkerKafka.uniqueId("blocking-steps");
        kafka.sendJson(id, "{\"type\": \"blocking-steps\", \"payload\": {\"steps\": 4, \"stepMs\": 500}}");

        List<TicketResult> results = kafka.awaitOutcome(id);

        List<TicketProgress> reports = results.stream().map(TicketResult::progress)
                .filter(progress -> progress != null).toList();
        // Steps end at about 0.5, 1, 1.5 s (the 4th, at 2 s, is the outcome's): one a second gets through.
        assertThat(reports).hasSizeBetween(1, 3);
        assertThat(reports).extracting(TicketProgress::percent).isSorted()
                .allSatisfy(percent -> assertThat(percent).isBetween(25, 100));
        assertThat(reports).allSatisfy(report -> assertThat(report.message()).matches("step [1-4] of 4"));
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().result().path("steps").asInt()).isEqualTo(4);
    }
}
