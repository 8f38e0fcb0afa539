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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow tickets overlap instead of queueing: the worker holds hundreds at once without a thread each. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrencyTest {

    private static final int TICKETS = 300;

    @Test
    void runsManySlowTicketsAtOnce() {
        String batch = WorkerKafka.uniqueId("concurrent");
        List<ProducerRecord<String, byte[]>> records = IntStream.range(0, TICKETS)
                .mapToObj(i -> new ProducerRecord<>(Topics.TICKETS, batch + "-" + i,
                        "{\"type\": \"delay\", \"payload\": {\"ms\": 1000}}".getBytes(StandardCharsets.UTF_8)))
                .toList();
        Set<String> ids = records.stream().map(ProducerRecord::key).collect(Collectors.toSet());

        List<TicketResult> outcomes;
        try (WorkerKafka kafka = new WorkerKafka()) {
            kafka.sendAll(records);
            outcomes = kafka.awaitOutcomes(ids).stream().filter(result -> result.status().isTerminal()).toList();
        }

        assertThat(outcomes).extracting(TicketResult::status).containsOnly(TicketStatus.SUCCEEDED);
        // Sequential processing would overlap 1; the limit is ticketflow.worker.max-in-flight (256).
        assertThat(maxOverlap(outcomes)).isGreaterThanOrEqualTo(100);
    }

    /** The largest number of tickets running at one instant, from their startedAt and finishedAt. */
    static int maxOverlap(List<TicketResult> outcomes) {
        record Edge(Instant at, int delta) {
        }
        List<Edge> edges = new ArrayList<>();
        outcomes.forEach(result -> {
            edges.add(new Edge(result.startedAt(), 1));
            edges.add(new Edge(result.finishedAt(), -1));
        });
        // At equal instants a finish counts before a start: touching intervals do not overlap.
        edges.sort((a, b) -> a.at().equals(b.at()) ? Integer.compare(a.delta(), b.delta()) : a.at().compareTo(b.at()));
        int running = 0;
        int max = 0;
        for (Edge edge : edges) {
            running += edge.delta();
            max = Math.max(max, running);
        }
        return max;
    }
}
