package io.ticketflow.producer.status;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatchUpRequestsTest {

    private static final TopicPartition TICKETS = new TopicPartition("tickets", 0);
    private static final TopicPartition RESULTS = new TopicPartition("ticket-results", 0);

    private final CatchUpRequests requests = new CatchUpRequests();
    private final Map<TopicPartition, Long> positions = new HashMap<>(Map.of(TICKETS, 0L, RESULTS, 0L));
    private final AtomicInteger endOffsetCalls = new AtomicInteger();

    @Test
    void completesOnceThePositionsReachTheEndOffsetsFetchedAfterTheRequest() {
        CompletionStage<Void> first = requests.request();
        CompletionStage<Void> second = requests.request();

        requests.serve(ends(10, 4), positions::get);
        assertThat(first.toCompletableFuture()).isNotDone();

        positions.put(TICKETS, 10L);
        positions.put(RESULTS, 4L);
        requests.serve(ends(99, 99), positions::get);

        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(second.toCompletableFuture()).isCompleted();
        assertThat(endOffsetCalls).hasValue(1);
        assertThat(requests.pending()).isZero();
    }

    @Test
    void fetchesNoEndOffsetsWithoutNewRequests() {
        requests.serve(ends(1, 1), positions::get);

        assertThat(endOffsetCalls).hasValue(0);
    }

    @Test
    void aRequestArrivingLaterWaitsForTheLaterEndOffsets() {
        CompletionStage<Void> early = requests.request();
        requests.serve(ends(1, 0), positions::get);
        CompletionStage<Void> late = requests.request();
        positions.put(TICKETS, 1L);

        requests.serve(ends(5, 0), positions::get);

        assertThat(early.toCompletableFuture()).isCompleted();
        assertThat(late.toCompletableFuture()).isNotDone();
    }

    @Test
    void dropsRequestsTheirCallersGaveUpOn() {
        CompletionStage<Void> request = requests.request();
        requests.serve(ends(10, 10), positions::get);

        request.toCompletableFuture().cancel(false);
        requests.serve(ends(10, 10), positions::get);

        assertThat(requests.pending()).isZero();
    }

    @Test
    void keepsRequestsWhoseEndOffsetsCouldNotBeFetched() {
        CompletionStage<Void> request = requests.request();

        assertThatThrownBy(() -> requests.serve(() -> {
            throw new IllegalStateException("woken up");
        }, positions::get)).isInstanceOf(IllegalStateException.class);
        requests.serve(ends(0, 0), positions::get);

        assertThat(request.toCompletableFuture()).isCompleted();
    }

    private Supplier<EndOffsets> ends(long tickets, long results) {
        return () -> {
            endOffsetCalls.incrementAndGet();
            return new EndOffsets(Map.of(TICKETS, tickets, RESULTS, results));
        };
    }
}
