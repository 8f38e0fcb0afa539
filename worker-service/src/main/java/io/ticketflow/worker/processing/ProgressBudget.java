package io.ticketflow.worker.processing;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shares a worker's progress writes among its running attempts. Each attempt may write a report every
 * {@code progress-every}, but 20,000 attempts waiting on I/O at once would then write 20,000 records a second, several
 * times the tickets they finish, and the worker would spend its CPU on reports instead of tickets. So the interval of
 * every attempt stretches with how many are reporting, to keep the worker's total under
 * {@code progress-max-per-second}: progress is the latest word on a ticket, and a later one says more.
 */
@Singleton
public class ProgressBudget {

    private final long everyNanos;
    private final double perSecond;
    private final AtomicInteger reporting = new AtomicInteger();

    public ProgressBudget(WorkerConfig config) {
        this.everyNanos = config.progressEvery().toNanos();
        this.perSecond = config.progressMaxPerSecond();
        if (perSecond < 1) {
            // 0 would make the interval infinite, and the first report's wait overflow into writing at once.
            throw new IllegalArgumentException("ticketflow.worker.progress-max-per-second must be at least 1, not "
                    + config.progressMaxPerSecond());
        }
    }

    /** An attempt that may report: counts until it {@link #closed()}. */
    void opened() {
        reporting.incrementAndGet();
    }

    void closed() {
        reporting.decrementAndGet();
    }

    /** How long an attempt waits between two of its reports now. */
    long intervalNanos() {
        return Math.max(everyNanos, (long) (reporting.get() * 1e9 / perSecond));
    }

    /** How long an attempt waits before its first report now: nothing unless the worker is over its budget. */
    long firstWaitNanos() {
        return intervalNanos() - everyNanos;
    }
}
