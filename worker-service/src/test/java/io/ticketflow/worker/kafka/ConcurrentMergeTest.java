package io.ticketflow.worker.kafka;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentMergeTest {

    /** Streams the test ends by hand, and how many were open at most. */
    private final List<UnicastProcessor<String>> streams = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private Multi<String> stream(int item) {
        UnicastProcessor<String> stream = UnicastProcessor.create();
        streams.add(stream);
        return stream.onSubscription().invoke(() -> mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max))
                .onTermination().invoke(open::decrementAndGet);
    }

    private static Multi<Integer> numbers(int count) {
        return Multi.createFrom().range(0, count);
    }

    @Test
    void runsAtMostCapacityStreamsAtOnceAndTakesOneMoreItemAsEachEnds() {
        AtomicLong requested = new AtomicLong();
        AssertSubscriber<String> downstream = ConcurrentMerge.of(
                        numbers(10).onRequest().invoke(requested::addAndGet), this::stream, 3)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        assertThat(streams).hasSize(3);
        assertThat(requested).hasValue(3);
        streams.get(1).onNext("b");
        streams.get(1).onComplete();

        assertThat(streams).hasSize(4);
        assertThat(requested).hasValue(4);
        assertThat(downstream.getItems()).containsExactly("b");
        assertThat(mostOpen).hasValue(3);
    }

    @Test
    void completesOnceTheUpstreamAndEveryStreamHaveEnded() {
        AssertSubscriber<String> downstream = ConcurrentMerge.of(numbers(2), this::stream, 5)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        streams.get(0).onNext("a");
        streams.get(0).onComplete();
        downstream.assertNotTerminated();

        streams.get(1).onComplete();

        downstream.assertCompleted().assertItems("a");
    }

    @Test
    void itemsWaitForDemandWithoutHoldingTheirStreamOpen() {
        AssertSubscriber<String> downstream = ConcurrentMerge.of(numbers(1),
                        i -> Multi.createFrom().items("a", "b", "c"), 1)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        assertThat(downstream.getItems()).containsExactly("a");

        downstream.request(5);

        downstream.assertCompleted().assertItems("a", "b", "c");
    }

    @Test
    void aFailingStreamFailsTheMergeAndCancelsTheOthersAndTheUpstream() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        AtomicInteger cancelledStreams = new AtomicInteger();
        AssertSubscriber<String> downstream = ConcurrentMerge.of(
                        numbers(100).onCancellation().invoke(() -> upstreamCancelled.set(true)),
                        i -> stream(i).onCancellation().invoke(cancelledStreams::incrementAndGet), 4)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        streams.get(2).onError(new IllegalStateException("boom"));

        downstream.assertFailedWith(IllegalStateException.class, "boom");
        assertThat(upstreamCancelled).isTrue();
        assertThat(cancelledStreams).hasValue(3);
    }

    @Test
    void aMapperThatThrowsFailsTheMerge() {
        AssertSubscriber<String> downstream = ConcurrentMerge.<Integer, String>of(numbers(3), i -> {
            throw new IllegalArgumentException("no stream for " + i);
        }, 2).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        downstream.assertFailedWith(IllegalArgumentException.class, "no stream for 0");
    }

    @Test
    void cancellingDownstreamCancelsEveryOpenStreamAndTheUpstream() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        AtomicInteger cancelledStreams = new AtomicInteger();
        AssertSubscriber<String> downstream = ConcurrentMerge.of(
                        numbers(100).onCancellation().invoke(() -> upstreamCancelled.set(true)),
                        i -> stream(i).onCancellation().invoke(cancelledStreams::incrementAndGet), 5)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        downstream.cancel();

        assertThat(upstreamCancelled).isTrue();
        assertThat(cancelledStreams).hasValue(5);
        assertThat(open).hasValue(0);
    }

    @Test
    void streamsEndingOnManyThreadsAtOnceLoseNoItemAndNoRequest() throws Exception {
        int items = 20_000;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            AssertSubscriber<Integer> downstream = ConcurrentMerge.of(numbers(items),
                            i -> Multi.createFrom().items(i, -i - 1).emitOn(threads), 64)
                    .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

            downstream.awaitCompletion(Duration.ofSeconds(30));

            List<Integer> expected = new ArrayList<>();
            IntStream.range(0, items).forEach(i -> {
                expected.add(i);
                expected.add(-i - 1);
            });
            assertThat(downstream.getItems()).containsExactlyInAnyOrderElementsOf(expected);
            // Each stream's items keep their order.
            ConcurrentHashMap<Integer, Integer> positions = new ConcurrentHashMap<>();
            List<Integer> seen = downstream.getItems();
            IntStream.range(0, seen.size()).forEach(position -> positions.put(seen.get(position), position));
            IntStream.range(0, items).forEach(i -> assertThat(positions.get(i)).isLessThan(positions.get(-i - 1)));
        } finally {
            threads.shutdownNow();
        }
    }
}
