package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketRecord;
import io.ticketflow.topics.TicketLimitsConfig;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * How long one ticket may run: its own {@code timeoutMs}, else its handler type's default, else the worker's
 * default; never more than {@code ticketflow.tickets.max-timeout}, which the channel's health settings are aligned
 * with and which the producer refuses {@code timeoutMs} above.
 */
@Singleton
public class TimeoutPolicy {

    private final Duration defaultTimeout;
    private final Duration maxTimeout;

    public TimeoutPolicy(WorkerConfig config, TicketLimitsConfig limits) {
        this.defaultTimeout = config.defaultTimeout();
        this.maxTimeout = limits.maxTimeout();
    }

    public Duration resolve(TicketRecord ticket, Optional<Duration> handlerDefault) {
        Duration requested = Optional.ofNullable(ticket.timeoutMs()).map(Duration::ofMillis)
                .or(() -> handlerDefault)
                .orElse(defaultTimeout);
        return requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested;
    }
}
