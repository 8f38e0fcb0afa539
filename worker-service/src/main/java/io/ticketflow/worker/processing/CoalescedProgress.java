package io.ticketflow.worker.processing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.worker.handlers.Progress;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The progress reports of one attempt, coalesced: the first is passed on at once, later ones at most one per
 * interval, and only the latest of those that came in between. The interval is the worker's {@link ProgressBudget}'s
 * (which also holds back the first report while the worker is over its budget). {@link #close()} (the attempt ended)
 * drops a report still waiting, since the outcome written next supersedes it, and completes {@link #reports()}.
 *
 * <p>Reports are passed on while holding the lock that {@link #close()} takes: whoever writes the outcome after
 * closing is sure that no report is passed on after it.
 */
final class CoalescedProgress implements Progress {

    private final ProgressBudget budget;
    private final ScheduledExecutorService timers;
    private final long openedAt = System.nanoTime();

    private MultiEmitter<? super TicketProgress> emitter;
    private TicketProgress pending;
    private long lastPassedOn;
    private boolean passedOnAny;
    private ScheduledFuture<?> timer;
    private boolean closed;

    CoalescedProgress(ProgressBudget budget, ScheduledExecutorService timers) {
        this.budget = budget;
        this.timers = timers;
        budget.opened();
    }

    /** The reports to write; a report made before anyone subscribes waits for the subscriber. */
    Multi<TicketProgress> reports() {
        return Multi.createFrom().emitter(subscriber -> {
            synchronized (this) {
                if (closed) {
                    subscriber.complete();
                    return;
                }
                emitter = subscriber;
                passOnOrWait();
            }
        });
    }

    @Override
    public synchronized void report(TicketProgress progress) {
        if (closed || progress == null) {
            return;
        }
        pending = progress;
        passOnOrWait();
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        budget.closed();
        pending = null;
        if (timer != null) {
            timer.cancel(false);
        }
        if (emitter != null) {
            emitter.complete();
        }
    }

    private void passOnOrWait() {
        if (emitter == null || pending == null || timer != null) {
            return;
        }
        long wait = passedOnAny ? lastPassedOn + budget.intervalNanos() - System.nanoTime()
                : openedAt + budget.firstWaitNanos() - System.nanoTime();
        if (wait > 0) {
            // Quarkus' scheduler (Vert.x timers) refuses a wait under a millisecond.
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            try {
                timer = timers.schedule(this::due, waitMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException shuttingDown) {
                // A report is worth less than the handler's work: it is dropped, never thrown at the handler.
                Log.debugf(shuttingDown, "A progress report could not be scheduled");
            }
            return;
        }
        TicketProgress next = pending;
        pending = null;
        passedOnAny = true;
        lastPassedOn = System.nanoTime();
        emitter.emit(next);
    }

    private synchronized void due() {
        timer = null;
        if (!closed) {
            passOnOrWait();
        }
    }
}
