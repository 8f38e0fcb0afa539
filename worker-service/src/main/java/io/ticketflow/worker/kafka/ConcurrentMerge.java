package io.ticketflow.worker.kafka;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.MultiSubscriber;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What {@code upstream.onItem().transformToMulti(mapper).merge(capacity)} does, at a constant cost per item: each
 * item's stream is subscribed as the item comes, up to {@code capacity} streams at once, and their items go out as
 * they come. Mutiny's merge scans every one of its inner streams each time one completes, so with thousands of
 * tickets in flight (or retries waiting) that scan was the worker's biggest cost (27 % of its CPU at 20,000 in flight,
 * S6: docs/performance.md).
 *
 * <p>Unlike Mutiny's merge, an inner stream is not held back by downstream demand: its items wait in one queue. That
 * queue is bounded by what the streams in flight emit, which for tickets is a few reports each (their progress is
 * rate-limited), and it keeps an item that is ready from waiting behind another stream's.
 */
public final class ConcurrentMerge<I, O> implements MultiSubscriber<I> {

    private final MultiEmitter<? super O> downstream;
    private final Function<? super I, Multi<O>> mapper;
    private final int capacity;
    private final Set<Inner> inners = ConcurrentHashMap.newKeySet();
    /** Streams not yet ended, the upstream counted as one: the merge completes when it reaches 0. */
    private final AtomicInteger open = new AtomicInteger(1);
    /** Items owed to the upstream: requested by one thread at a time, as Reactive Streams requires. */
    private final AtomicLong owed = new AtomicLong();
    private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();

    private ConcurrentMerge(MultiEmitter<? super O> downstream, Function<? super I, Multi<O>> mapper, int capacity) {
        this.downstream = downstream;
        this.mapper = mapper;
        this.capacity = capacity;
    }

    public static <I, O> Multi<O> of(Multi<I> upstream, Function<? super I, Multi<O>> mapper, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        return Multi.createFrom().emitter(emitter -> {
            ConcurrentMerge<I, O> merge = new ConcurrentMerge<>(emitter, mapper, capacity);
            emitter.onTermination(merge::cancel);
            upstream.subscribe().withSubscriber(merge);
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (!upstream.compareAndSet(null, subscription)) {
            subscription.cancel();
            return;
        }
        request(capacity);
    }

    @Override
    public void onItem(I item) {
        Multi<O> stream;
        try {
            stream = mapper.apply(item);
        } catch (RuntimeException failure) {
            onFailure(failure);
            return;
        }
        open.incrementAndGet();
        stream.subscribe().withSubscriber(new Inner());
    }

    @Override
    public void onFailure(Throwable failure) {
        cancel();
        downstream.fail(failure);
    }

    @Override
    public void onCompletion() {
        ended();
    }

    private void ended() {
        if (open.decrementAndGet() == 0) {
            downstream.complete();
        }
    }

    private void request(long items) {
        if (owed.getAndAdd(items) != 0) {
            return;
        }
        long asked = items;
        do {
            upstream.get().request(asked);
            asked = owed.addAndGet(-asked);
        } while (asked != 0);
    }

    private void cancel() {
        Flow.Subscription subscription = upstream.getAndSet(CANCELLED);
        if (subscription != null && subscription != CANCELLED) {
            subscription.cancel();
        }
        inners.forEach(Inner::cancel);
    }

    private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    /** One item's stream: its items go straight out; once it ends, the upstream is asked for one more item. */
    private final class Inner implements MultiSubscriber<O> {

        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            inners.add(this);
            // Cancelled meanwhile: the sweep in cancel() may have run before this stream was in the set.
            if (upstream.get() == CANCELLED) {
                cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onItem(O item) {
            downstream.emit(item);
        }

        @Override
        public void onFailure(Throwable failure) {
            inners.remove(this);
            ConcurrentMerge.this.onFailure(failure);
        }

        @Override
        public void onCompletion() {
            inners.remove(this);
            request(1);
            ended();
        }

        void cancel() {
            inners.remove(this);
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
