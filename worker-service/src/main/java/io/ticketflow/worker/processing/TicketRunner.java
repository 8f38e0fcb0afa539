package io.ticketflow.worker.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.handlers.HandlerRegistry;
import io.ticketflow.worker.handlers.Progress;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import io.ticketflow.worker.retry.RetryPolicy;
import io.ticketflow.worker.tracing.TicketMdc;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs one attempt of a ticket with its handler under its time limit. The Uni always ends in an {@link Outcome},
 * never fails: a retryable failure with attempts left becomes a retry, one without a give-up, and a cancel of the
 * ticket cancels the handler's Uni (as a timeout does) and ends it CANCELLED.
 */
@Singleton
public class TicketRunner {

    /** What a record that is no ticket counts as: it never reaches a handler. */
    static final int FIRST_ATTEMPT = 1;
    /** Leads the dead-letter reason of a ticket whose retry could not be written to the retry topic. */
    static final String RETRY_NOT_SCHEDULED = "retry_not_scheduled";

    private final HandlerRegistry handlers;
    private final TimeoutPolicy timeouts;
    private final RetryPolicy retries;
    private final Cancellations cancellations;
    private final WorkerIdentity worker;

    public TicketRunner(HandlerRegistry handlers, TimeoutPolicy timeouts, RetryPolicy retries,
            Cancellations cancellations, WorkerIdentity worker) {
        this.handlers = handlers;
        this.timeouts = timeouts;
        this.retries = retries;
        this.cancellations = cancellations;
        this.worker = worker;
    }

    public TicketResult running(TicketRecord ticket, Instant startedAt) {
        return TicketResult.running(ticket.id(), ticket.attemptNumber(), startedAt, worker.name());
    }

    public TicketResult rejected(String ticketId, String reason) {
        Instant now = Instant.now();
        return TicketResult.failed(ticketId, FIRST_ATTEMPT, new TicketError(TicketError.INVALID_TICKET, reason), now,
                now, worker.name());
    }

    public TicketResult cancelled(TicketRecord ticket, String reason) {
        return TicketResult.cancelled(ticket.id(), ticket.attemptNumber(), reason, Instant.now(), worker.name());
    }

    /** A progress report of the attempt: RUNNING again, with how far it has got. */
    public TicketResult progress(TicketRecord ticket, Instant startedAt, TicketProgress progress) {
        return running(ticket, startedAt).withProgress(progress);
    }

    /**
     * @param progress takes the handler's progress reports
     * @param trace    the attempt's span, current while its handler is called (so that its calls are traced under it)
     */
    public Uni<Outcome> run(TicketRecord ticket, Instant startedAt, Progress progress, Context trace) {
        Optional<TicketHandler> handler = handlers.find(ticket.type());
        if (handler.isEmpty()) {
            return Uni.createFrom().item(() -> new Outcome.Finished(failed(ticket, startedAt,
                    new TicketError(TicketError.UNKNOWN_TYPE, "no handler for type '" + ticket.type() + "'"))));
        }
        Uni<Outcome> cancelled = cancellations.signal(ticket.id())
                .map(signal -> new Outcome.Finished(cancelled(ticket, "cancelled while running")));
        // The first to end wins and the other is cancelled: a cancel stops the handler's work.
        return Uni.combine().any().of(attempt(ticket, handler.get(), startedAt, progress, trace), cancelled);
    }

    /** A retry that could not be written: the ticket fails rather than stay RETRYING with no attempt to come. */
    public Outcome.GaveUp unscheduled(TicketRecord ticket, Outcome.Retry retry, Throwable failure) {
        TicketError error = retry.result().error();
        String message = "attempt %d failed and its retry could not be scheduled (%s): %s"
                .formatted(ticket.attemptNumber(), failure.getMessage(), error.message());
        return gaveUp(ticket, retry.result().startedAt(), new TicketError(error.code(), message), RETRY_NOT_SCHEDULED,
                failure);
    }

    private Uni<Outcome> attempt(TicketRecord ticket, TicketHandler handler, Instant startedAt, Progress progress,
            Context trace) {
        Duration timeout = timeouts.resolve(ticket, handler.defaultTimeout());
        // Deferred so that a handler throwing instead of returning a failed Uni still yields a FAILED result.
        return Uni.createFrom().deferred(() -> {
                    try (Scope scope = trace.makeCurrent()) {
                        return handler.handle(ticket, progress);
                    }
                })
                .ifNoItem().after(timeout).failWith(() -> new TicketFailure(TicketError.TIMEOUT,
                        "no result within " + timeout.toMillis() + " ms", true))
                .<Outcome>map(result -> new Outcome.Finished(TicketResult.succeeded(ticket.id(), ticket.attemptNumber(),
                        result == null ? NullNode.getInstance() : result, startedAt, Instant.now(), worker.name())))
                .onFailure().recoverWithItem(failure -> afterFailure(ticket, handler, startedAt, failure, trace));
    }

    private Outcome afterFailure(TicketRecord ticket, TicketHandler handler, Instant startedAt, Throwable failure,
            Context trace) {
        TicketError error = errorOf(ticket, failure, trace);
        if (!(failure instanceof TicketFailure ticketFailure) || !ticketFailure.retryable()) {
            return new Outcome.Finished(failed(ticket, startedAt, error));
        }
        int attempt = ticket.attemptNumber();
        int maxAttempts = retries.maxAttempts(ticket, handler.defaultMaxAttempts());
        if (attempt < maxAttempts) {
            Instant now = Instant.now();
            Instant next = ticketFailure.retryAfter()
                    .map(asked -> retries.nextAttemptAt(attempt, now, asked))
                    .orElseGet(() -> retries.nextAttemptAt(attempt, now));
            return new Outcome.Retry(TicketResult.retrying(ticket.id(), attempt, error, startedAt, now, next,
                    worker.name()),
                    ticket.retry(attempt + 1, next));
        }
        String message = "attempts exhausted (%d of %d): %s".formatted(attempt, maxAttempts, error.message());
        return gaveUp(ticket, startedAt, new TicketError(error.code(), message), TicketError.ATTEMPTS_EXHAUSTED, failure);
    }

    private Outcome.GaveUp gaveUp(TicketRecord ticket, Instant startedAt, TicketError error, String why,
            Throwable lastFailure) {
        String reason = why + " (" + error.code() + "): " + error.message();
        return new Outcome.GaveUp(failed(ticket, startedAt, error), new TicketGaveUpException(why, reason, lastFailure));
    }

    private TicketResult failed(TicketRecord ticket, Instant startedAt, TicketError error) {
        return TicketResult.failed(ticket.id(), ticket.attemptNumber(), error, startedAt, Instant.now(), worker.name());
    }

    private static TicketError errorOf(TicketRecord ticket, Throwable failure, Context trace) {
        if (failure instanceof TicketFailure ticketFailure) {
            return new TicketError(ticketFailure.code(), ticketFailure.getMessage());
        }
        TicketMdc.log(ticket.id(), TicketTracing.traceId(trace), () ->
                Log.warnf(failure, "Handler of type '%s' failed on ticket %s", ticket.type(), ticket.id()));
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return new TicketError(TicketError.HANDLER_ERROR, message);
    }
}
