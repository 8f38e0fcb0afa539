package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * How long one ticket may run: its own {@code timeoutMs}, else its handler type's default, else the worker's
 * default; never more than the worker's maximum, which the channel's health settings are aligned with.
 */
@ApplicationScoped
public class TimeoutPolicy {

    private final Duration defaultTimeout;
    private final Duration maxTimeout;

    public TimeoutPolicy(WorkerConfig config) {
        this.defaultTimeout = config.defaultTimeout();
        this.maxTimeout = config.maxTimeout();
    }

    public Duration resolve(TicketRecord ticket, Optional<Duration> handlerDefault) {
        Duration requested = Optional.ofNullable(ticket.timeoutMs()).map(Duration::ofMillis)
                .or(() -> handlerDefault)
                .orElse(defaultTimeout);
        return requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested;
    }
}
