package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketRecord;

import java.time.Duration;
import java.util.Optional;

/**
 * A handler whose code blocks (a JDBC call, a legacy SDK). It runs on the worker pool, never on the event loop, so
 * its tickets are bounded by that pool's size rather than by {@code ticketflow.worker.max-in-flight}. On timeout
 * the ticket fails but the blocked thread runs on until the call returns.
 */
public interface BlockingTicketHandler {

    String type();

    JsonNode handle(TicketRecord ticket) throws Exception;

    /**
     * What the worker calls, on a pool thread. A handler that can tell how far it has got overrides this and reports
     * through {@code progress} (from any thread) as a {@link TicketHandler} does; its {@link #handle(TicketRecord)}
     * then runs it with {@link Progress#IGNORED}.
     */
    default JsonNode handle(TicketRecord ticket, Progress progress) throws Exception {
        return handle(ticket);
    }

    default Optional<Duration> defaultTimeout() {
        return Optional.empty();
    }

    default Optional<Integer> defaultMaxAttempts() {
        return Optional.empty();
    }
}
