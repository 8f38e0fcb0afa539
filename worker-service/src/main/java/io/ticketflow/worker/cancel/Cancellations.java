package io.ticketflow.worker.cancel;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tickets are cancelled, and a signal for whoever is running one or holding its retry. A cancel may come
 * before its ticket (a QUEUED ticket: it must then never start), while it runs, or while it waits for a retry.
 */
@Singleton
public class Cancellations {

    private final CancelledTickets cancelled;
    private final Duration rememberFor;
    /** Few: the running tickets and the waiting retries; a cancel looks through them all. */
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    public Cancellations(CancelConfig config) {
        this.cancelled = new CancelledTickets(config.maxRemembered());
        this.rememberFor = config.rememberFor();
    }

    public boolean isCancelled(String ticketId) {
        return cancelled.contains(ticketId, Instant.now());
    }

    /**
     * Completes when the ticket is cancelled, at once if it already is. Whoever stops waiting cancels the Uni, which
     * forgets the waiter. Registering before looking leaves no gap for a cancel arriving in between.
     */
    public Uni<Void> signal(String ticketId) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(ticketId, emitter);
            waiters.add(waiter);
            emitter.onTermination(() -> waiters.remove(waiter));
            if (isCancelled(ticketId)) {
                emitter.complete(null);
            }
        });
    }

    public void cancel(String ticketId, Instant requestedAt) {
        Instant now = Instant.now();
        Instant expiresAt = requestedAt.plus(rememberFor);
        // Every worker re-reads the commands from the start: old ones are about tickets long finished.
        if (!expiresAt.isAfter(now)) {
            return;
        }
        cancelled.add(ticketId, expiresAt, now);
        waiters.stream().filter(waiter -> waiter.ticketId().equals(ticketId))
                .forEach(waiter -> waiter.emitter().complete(null));
    }

    private record Waiter(String ticketId, UniEmitter<? super Void> emitter) {
    }
}
