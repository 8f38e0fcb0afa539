package io.ticketflow.worker.processing;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/** A counting semaphore that never blocks: a caller beyond the limit gets a future completed when a slot frees. */
final class Slots {

    private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

    private final int limit;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int used;

    Slots(int limit) {
        this.limit = limit;
    }

    synchronized CompletableFuture<Void> acquire() {
        if (used < limit) {
            used++;
            return GRANTED;
        }
        CompletableFuture<Void> slot = new CompletableFuture<>();
        waiting.add(slot);
        return slot;
    }

    /** The slot goes to the longest waiter, if any; it is completed outside the lock. */
    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }

    /** A waiter that gave up (its stream was cancelled): removed, or its slot released if it was granted already. */
    void abandon(CompletableFuture<Void> slot) {
        boolean wasWaiting;
        synchronized (this) {
            wasWaiting = waiting.remove(slot);
        }
        if (!wasWaiting) {
            release();
        }
    }

    int limit() {
        return limit;
    }

    synchronized int used() {
        return used;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
