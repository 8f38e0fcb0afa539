package io.ticketflow.worker.retry;

import io.ticketflow.contract.TicketRecord;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How many attempts a ticket gets and when its next one is due. */
@Singleton
public class RetryPolicy {

    private final int defaultMaxAttempts;
    private final Backoff backoff;

    public RetryPolicy(RetryConfig config) {
        this.defaultMaxAttempts = config.maxAttempts();
        this.backoff = new Backoff(config.initialBackoff(), config.multiplier(), config.maxBackoff(), config.jitter());
    }

    /** The ticket's own {@code maxAttempts}, else its handler type's default, else the worker's. */
    public int maxAttempts(TicketRecord ticket, Optional<Integer> handlerDefault) {
        return Optional.ofNullable(ticket.maxAttempts()).or(() -> handlerDefault).orElse(defaultMaxAttempts);
    }

    public Instant nextAttemptAt(int failedAttempt, Instant failedAt) {
        return failedAt.plus(backoff.after(failedAttempt));
    }

    /**
     * As {@link #nextAttemptAt(int, Instant)}, but not before {@code notSooner} has passed (what a called service
     * asked for), up to the longest backoff: the retry relay's health settings rely on no wait being longer.
     */
    public Instant nextAttemptAt(int failedAttempt, Instant failedAt, Duration notSooner) {
        Duration wait = backoff.after(failedAttempt);
        Duration asked = notSooner.compareTo(backoff.max()) > 0 ? backoff.max() : notSooner;
        return failedAt.plus(asked.compareTo(wait) > 0 ? asked : wait);
    }
}
