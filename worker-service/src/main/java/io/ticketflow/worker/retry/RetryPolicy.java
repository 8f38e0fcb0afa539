package io.ticketflow.worker.retry;

import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** How many attempts a ticket gets and when its next one is due. */
@ApplicationScoped
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
}
