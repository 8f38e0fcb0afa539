package io.ticketflow.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Load from one thread: asynchronous calls with a bound on how many are in flight. */
final class BoundedFlight {

    private BoundedFlight() {
    }

    /** Runs {@code call} for every input with at most {@code limit} in flight; the results in input order. */
    static <I, O> List<O> run(List<I> inputs, int limit, Function<I, CompletableFuture<O>> call) {
        Semaphore permits = new Semaphore(limit);
        List<CompletableFuture<O>> futures = new ArrayList<>();
        for (I input : inputs) {
            permits.acquireUninterruptibly();
            futures.add(call.apply(input).whenComplete((result, failure) -> permits.release()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
