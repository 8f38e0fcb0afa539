package io.ticketflow.producer.status;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Requests to be told when the view has read everything written before the request was made. Any thread may
 * {@link #request()}; only the view thread {@link #serve serves}, fetching end offsets once for all the requests
 * that arrived since its last turn.
 */
final class CatchUpRequests {

    private final Queue<CompletableFuture<Void>> arrived = new ConcurrentLinkedQueue<>();
    private final List<Waiting> waiting = new ArrayList<>();

    private record Waiting(EndOffsets target, List<CompletableFuture<Void>> callers) {
    }

    /** Cancelling the returned stage (a caller that gave up) drops the request. */
    CompletionStage<Void> request() {
        CompletableFuture<Void> caller = new CompletableFuture<>();
        arrived.add(caller);
        return caller;
    }

    boolean hasArrivals() {
        return !arrived.isEmpty();
    }

    /**
     * Binds the requests that arrived to end offsets fetched now, then completes every request whose end offsets
     * the positions reached.
     */
    void serve(Supplier<EndOffsets> endOffsets, ToLongFunction<TopicPartition> position) {
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (CompletableFuture<Void> caller = arrived.poll(); caller != null; caller = arrived.poll()) {
            callers.add(caller);
        }
        if (!callers.isEmpty()) {
            try {
                waiting.add(new Waiting(endOffsets.get(), callers));
            } catch (RuntimeException e) {
                arrived.addAll(callers);
                throw e;
            }
        }
        waiting.removeIf(batch -> {
            batch.callers().removeIf(CompletableFuture::isDone);
            if (batch.callers().isEmpty()) {
                return true;
            }
            if (batch.target().lag(position) > 0) {
                return false;
            }
            batch.callers().forEach(caller -> caller.complete(null));
            return true;
        });
    }

    int pending() {
        return arrived.size() + waiting.stream().mapToInt(batch -> batch.callers().size()).sum();
    }
}
