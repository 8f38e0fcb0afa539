package io.ticketflow.worker.kafka;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.MultiSubscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Merges streams of different priority, serving the more urgent first without starving the others: weighted round
 * robin. In each round a stream may be served up to its weight; when a stream has nothing waiting, or has used its
 * weight, the next one is served; once no stream with items waiting has weight left, a new round starts. So with
 * weights 6, 3, 1, a stream alone gets everything, and three saturated streams get 60 %, 30 % and 10 %: an item of
 * the first waits for at most the three of the others served in a round, and an item of the last is served at least
 * once per ten.
 *
 * <p>Each stream is asked for {@code prefetch} items ahead, and for one more each time one of its items is served,
 * so that an item of an urgent stream is here, ready to be chosen, when the next one is wanted downstream.
 */
public final class PriorityMerge<T> {

    private final List<Source> sources = new ArrayList<>();
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile MultiEmitter<? super T> emitter;
    private int[] credits;

    private PriorityMerge() {
    }

    /**
     * @param streams  most urgent first
     * @param weights  items of each stream served per round, each at least 1
     * @param prefetch items asked of each stream ahead of demand
     */
    public static <T> Multi<T> of(List<Multi<T>> streams, List<Integer> weights, int prefetch) {
        if (streams.size() != weights.size() || weights.stream().anyMatch(weight -> weight < 1) || prefetch < 1) {
            throw new IllegalArgumentException("one weight of at least 1 per stream, and a prefetch of at least 1");
        }
        return Multi.createFrom().emitter(emitter -> {
            PriorityMerge<T> merge = new PriorityMerge<>();
            merge.start(emitter, streams, weights, prefetch);
        });
    }

    private void start(MultiEmitter<? super T> downstream, List<Multi<T>> streams, List<Integer> weights, int prefetch) {
        emitter = downstream;
        credits = weights.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < streams.size(); i++) {
            sources.add(new Source(weights.get(i), prefetch));
        }
        downstream.onRequest(requested -> drain());
        downstream.onTermination(() -> sources.forEach(Source::cancel));
        for (int i = 0; i < streams.size(); i++) {
            streams.get(i).subscribe().withSubscriber(sources.get(i));
        }
    }

    /** Serves while there is demand and something waiting; one thread at a time, whichever called last. */
    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Throwable failed = failure.get();
            if (failed != null) {
                emitter.fail(failed);
                return;
            }
            while (emitter.requested() > 0 && !emitter.isCancelled()) {
                Source next = next();
                if (next == null) {
                    break;
                }
                emitter.emit(next.waiting.poll());
                next.served();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    /** The most urgent stream with an item waiting and weight left this round, starting a new round when needed. */
    private Source next() {
        for (int round = 0; round < 2; round++) {
            boolean waiting = false;
            for (int i = 0; i < sources.size(); i++) {
                if (!sources.get(i).waiting.isEmpty()) {
                    waiting = true;
                    if (credits[i] > 0) {
                        credits[i]--;
                        return sources.get(i);
                    }
                }
            }
            if (!waiting) {
                return null;
            }
            for (int i = 0; i < sources.size(); i++) {
                credits[i] = sources.get(i).weight;
            }
        }
        return null;
    }

    private final class Source implements MultiSubscriber<T> {

        final int weight;
        final int prefetch;
        final Queue<T> waiting = new ConcurrentLinkedQueue<>();
        volatile Flow.Subscription subscription;

        Source(int weight, int prefetch) {
            this.weight = weight;
            this.prefetch = prefetch;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(prefetch);
        }

        @Override
        public void onItem(T item) {
            waiting.add(item);
            drain();
        }

        @Override
        public void onFailure(Throwable failed) {
            failure.compareAndSet(null, failed);
            drain();
        }

        /** A stream that ends is simply never chosen again: the others go on. */
        @Override
        public void onCompletion() {
        }

        void served() {
            subscription.request(1);
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
