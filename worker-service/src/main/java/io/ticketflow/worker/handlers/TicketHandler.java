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
 * when the ticket times out or is cancelled. A {@link TicketFailure} names the error code of the failed ticket and
 * whether another attempt could succeed; a retryable one is retried with backoff up to the ticket's attempts. Any
 * other failure becomes {@code handler_error}, which is not retried.
 *
 * <p>A handler that can tell how far a ticket has got overrides {@link #handle(TicketRecord, Progress)} instead, and
 * lets {@link #handle(TicketRecord)} run it with {@link Progress#IGNORED}.
 */
public interface TicketHandler {

    String type();

    Uni<JsonNode> handle(TicketRecord ticket);

    /** What the worker calls: {@code progress} takes the attempt's progress reports. */
    default Uni<JsonNode> handle(TicketRecord ticket, Progress progress) {
        return handle(ticket);
    }

    /** Time limit of a ticket of this type that sets no {@code timeoutMs}; else the worker's default. */
    default Optional<Duration> defaultTimeout() {
        return Optional.empty();
    }

    /** How many attempts a ticket of this type that sets no {@code maxAttempts} gets; else the worker's default. */
    default Optional<Integer> defaultMaxAttempts() {
        return Optional.empty();
    }
}
