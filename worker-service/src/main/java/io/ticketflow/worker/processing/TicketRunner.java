package io.ticketflow.worker.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.handlers.HandlerRegistry;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Runs one ticket with its handler under its time limit. The Uni always ends in a terminal result, never fails. */
@ApplicationScoped
public class TicketRunner {

    /** Only one attempt is made so far; retries will number theirs. */
    static final int FIRST_ATTEMPT = 1;

    private final HandlerRegistry handlers;
    private final TimeoutPolicy timeouts;
    private final WorkerIdentity worker;

    public TicketRunner(HandlerRegistry handlers, TimeoutPolicy timeouts, WorkerIdentity worker) {
        this.handlers = handlers;
        this.timeouts = timeouts;
        this.worker = worker;
    }

    public TicketResult running(TicketRecord ticket, Instant startedAt) {
        return TicketResult.running(ticket.id(), FIRST_ATTEMPT, startedAt, worker.name());
    }

    public TicketResult rejected(String ticketId, String reason) {
        Instant now = Instant.now();
        return TicketResult.failed(ticketId, FIRST_ATTEMPT, new TicketError(TicketError.INVALID_TICKET, reason), now,
                now, worker.name());
    }

    public Uni<TicketResult> run(TicketRecord ticket, Instant startedAt) {
        Optional<TicketHandler> handler = handlers.find(ticket.type());
        if (handler.isEmpty()) {
            return Uni.createFrom().item(() -> failed(ticket, startedAt,
                    new TicketError(TicketError.UNKNOWN_TYPE, "no handler for type '" + ticket.type() + "'")));
        }
        Duration timeout = timeouts.resolve(ticket, handler.get().defaultTimeout());
        // Deferred so that a handler throwing instead of returning a failed Uni still yields a FAILED result.
        return Uni.createFrom().deferred(() -> handler.get().handle(ticket))
                .ifNoItem().after(timeout).failWith(() -> new TicketFailure(TicketError.TIMEOUT,
                        "no result within " + timeout.toMillis() + " ms", true))
                .map(result -> TicketResult.succeeded(ticket.id(), FIRST_ATTEMPT,
                        result == null ? NullNode.getInstance() : result, startedAt, Instant.now(), worker.name()))
                .onFailure().recoverWithItem(failure -> failed(ticket, startedAt, errorOf(ticket, failure)));
    }

    private TicketResult failed(TicketRecord ticket, Instant startedAt, TicketError error) {
        return TicketResult.failed(ticket.id(), FIRST_ATTEMPT, error, startedAt, Instant.now(), worker.name());
    }

    private static TicketError errorOf(TicketRecord ticket, Throwable failure) {
        if (failure instanceof TicketFailure ticketFailure) {
            return new TicketError(ticketFailure.code(), ticketFailure.getMessage());
        }
        Log.warnf(failure, "Handler of type '%s' failed on ticket %s", ticket.type(), ticket.id());
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return new TicketError(TicketError.HANDLER_ERROR, message);
    }
}
