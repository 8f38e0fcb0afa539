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

    default Optional<Duration> defaultTimeout() {
        return Optional.empty();
    }

    default Optional<Integer> defaultMaxAttempts() {
        return Optional.empty();
    }
}
