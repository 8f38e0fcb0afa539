package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs the tickets of one {@link #type()}. Implement it as a CDI bean; the {@link HandlerRegistry} finds it.
 *
 * <p>{@link #handle} is called on the event loop and must not block: return a Uni that completes later (timer,
 * non-blocking I/O). Code that has to block implements {@link BlockingTicketHandler} instead. The Uni is cancelled
 * when the ticket times out. A {@link TicketFailure} names the error code of the failed ticket; any other failure
 * becomes {@code handler_error}.
 */
public interface TicketHandler {

    String type();

    Uni<JsonNode> handle(TicketRecord ticket);

    /** Time limit of a ticket of this type that sets no {@code timeoutMs}; else the worker's default. */
    default Optional<Duration> defaultTimeout() {
        return Optional.empty();
    }
}
