package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ticketflow.handlers.slow.max-in-flight=4} (test profile): a backlog of slow tickets written ahead of fast
 * ones runs four at a time, and the fast ones behind it do not wait for it.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TypeConcurrencyTest {

    private static final int SLOW = 40;
    private static final int FAST = 200;
    private static final int SLOW_MS = 500;

    @Test
    void aFastTypeKeepsFlowingWhileASlowTypeIsAtItsLimit() {
        String batch = WorkerKafka.uniqueId("types");
        List<ProducerRecord<String, byte[]>> slow = records(batch + "-slow", SLOW,
                "{\"type\": \"slow\", \"payload\": {\"ms\": " + SLOW_MS + "}}");
        List<ProducerRecord<String, byte[]>> fast = records(batch + "-fast", FAST, "{\"type\": \"echo\", \"payload\": 1}");

        List<TicketResult> slowOutcomes;
        List<TicketResult> fastOutcomes;
        try (WorkerKafka kafka = new WorkerKafka()) {
            kafka.sendAll(Stream.concat(slow.stream(), fast.stream()).toList());
            fastOutcomes = terminal(kafka.awaitOutcomes(ids(fast)));
            slowOutcomes = terminal(kafka.awaitOutcomes(ids(slow)));
        }

        assertThat(Stream.concat(slowOutcomes.stream(), fastOutcomes.stream()))
                .extracting(TicketResult::status).containsOnly(TicketStatus.SUCCEEDED);
        assertThat(ConcurrencyTest.maxOverlap(slowOutcomes)).as("slow tickets running at once").isEqualTo(4);
        Instant lastFast = fastOutcomes.stream().map(TicketResult::finishedAt).max(Comparator.naturalOrder())
                .orElseThrow();
        Instant lastSlowStart = slowOutcomes.stream().map(TicketResult::startedAt).max(Comparator.naturalOrder())
                .orElseThrow();
        long slowStillQueued = slowOutcomes.stream().filter(result -> result.startedAt().isAfter(lastFast)).count();
        System.out.printf("[type-concurrency] last fast ticket finished %d ms before the last slow one started;"
                + " %d of %d slow tickets had not started yet%n",
                Duration.between(lastFast, lastSlowStart).toMillis(), slowStillQueued, SLOW);
        assertThat(lastFast).as("the last fast ticket's end").isBefore(lastSlowStart);
        assertThat(slowStillQueued).as("slow tickets still waiting for their type when the fast ones were done")
                .isGreaterThanOrEqualTo(SLOW / 4);
    }

    private static List<ProducerRecord<String, byte[]>> records(String prefix, int count, String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        return Stream.iterate(0, i -> i + 1).limit(count)
                .map(i -> new ProducerRecord<>(Topics.TICKETS, prefix + "-" + i, value))
                .toList();
    }

    private static Set<String> ids(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().map(ProducerRecord::key).collect(Collectors.toSet());
    }

    private static List<TicketResult> terminal(List<TicketResult> results) {
        return results.stream().filter(result -> result.status().isTerminal()).toList();
    }
}
