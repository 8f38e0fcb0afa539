package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saturated worker (two slots) with a backlog of normal tickets: a high ticket sent after the backlog starts long
 * before the backlog is through (it would start after all of it without priorities), and a low one is not starved by
 * it either (weights 6:3:1 give it one slot in four). Ordering only, no wall-clock bound: the benchmark's S6 measures
 * how soon.
 */
@QuarkusTest
@TestProfile(PriorityTest.TwoSlots.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class PriorityTest {

    public static class TwoSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.worker.max-in-flight", "2");
        }
    }

    private static final int BACKLOG = 200;
    /** The backlog takes BACKLOG × DELAY_MS ÷ 2 slots = 10 s to drain. */
    private static final int DELAY_MS = 100;

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aHighTicketOvertakesTheNormalBacklogAndALowOneIsNotStarvedByIt() {
        List<String> backlog = IntStream.range(0, BACKLOG).mapToObj(i -> WorkerKafka.uniqueId("backlog")).toList();
        kafka.sendAll(backlog.stream().map(id -> record(Topics.TICKETS, id, DELAY_MS)).toList());
        await().atMost(Duration.ofMinutes(2)).until(() -> backlog.stream().anyMatch(id -> !kafka.results(id).isEmpty()));

        String high = WorkerKafka.uniqueId("high");
        String low = WorkerKafka.uniqueId("low");
        kafka.sendAll(List.of(record(Topics.TICKETS_HIGH, high, 0), record(Topics.TICKETS_LOW, low, 0)));

        Set<String> all = new java.util.HashSet<>(backlog);
        all.add(high);
        all.add(low);
        Map<String, Instant> started = kafka.awaitOutcomes(all).stream()
                .filter(result -> result.status() == TicketStatus.RUNNING)
                .collect(Collectors.toMap(TicketResult::ticketId, TicketResult::startedAt, (first, again) -> first));
        List<Instant> normalStarts = backlog.stream().map(started::get).sorted(Comparator.naturalOrder()).toList();
        long normalBeforeHigh = normalStarts.stream().filter(at -> at.isBefore(started.get(high))).count();
        long normalBeforeLow = normalStarts.stream().filter(at -> at.isBefore(started.get(low))).count();

        // Sent once the backlog had begun; without priorities both would start after all of it.
        assertThat(normalBeforeHigh).as("normal tickets started before the high one").isLessThan(BACKLOG / 2);
        assertThat(normalBeforeLow).as("normal tickets started before the low one").isLessThan(3 * BACKLOG / 4);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String id, int delayMs) {
        String json = "{\"id\": \"%s\", \"type\": \"delay\", \"payload\": {\"ms\": %d}}".formatted(id, delayMs);
        return new ProducerRecord<>(topic, id, json.getBytes(StandardCharsets.UTF_8));
    }
}
