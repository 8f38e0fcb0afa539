package io.ticketflow.producer.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketLifecycle;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The known state of a ticket: the status view keeps one per ticket and the API shows it as it is. It stays
 * small because every instance holds one for every ticket: the handler's result is kept as its JSON text, the
 * payload not at all.
 *
 * @param result        the handler's output as JSON text, written out as JSON
 * @param nextAttemptAt on {@code RETRYING}: when the next attempt is due
 * @param callback      on a terminal state of a ticket with a callback URL: how the delivery went, once known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(
        String id,
        String type,
        TicketStatus status,
        int attempt,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant nextAttemptAt,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The handler's output, any JSON") String result,
        TicketError error,
        String worker,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl,
        CallbackDelivery callback) {

    public static TicketView queued(String id, TicketFields ticket) {
        return new TicketView(id, ticket.type(), TicketStatus.QUEUED, 0, ticket.submittedAt(), null, null, null, null,
                null, null, ticket.timeoutMs(), ticket.maxAttempts(), ticket.callbackUrl(), null);
    }

    /** A result seen before its ticket (or whose ticket expired): the ticket's fields arrive later, or never. */
    public static TicketView fromResult(TicketResult result) {
        return new TicketView(result.ticketId(), null, null, 0, null, null, null, null, null, null, null, null, null,
                null, null).withResult(result);
    }

    /**
     * Adds the ticket's own fields; never changes the state, since a ticket may arrive after its results. A record
     * without a type (unreadable, or written by hand without one) adds nothing.
     */
    public TicketView withTicket(TicketFields ticket) {
        if (type != null || ticket.type() == null) {
            return this;
        }
        return new TicketView(id, ticket.type(), status, attempt, ticket.submittedAt(), startedAt, finishedAt,
                nextAttemptAt, result, error, worker, ticket.timeoutMs(), ticket.maxAttempts(), ticket.callbackUrl(),
                callback);
    }

    /**
     * Two rules, in this order: {@link TicketLifecycle#supersedes} decides every change of state; a repetition of
     * the known terminal state (same status, same attempt) that reports its callback's delivery changes only
     * {@link #callback}.
     *
     * @return the new view, or this same view when the result tells nothing new
     */
    public TicketView withResult(TicketResult next) {
        if (TicketLifecycle.supersedes(status, attempt, next.status(), next.attempt())) {
            return new TicketView(id, type, next.status(), next.attempt(), submittedAt, next.startedAt(),
                    next.finishedAt(), next.nextAttemptAt(), next.result() != null ? next.result().toString() : null,
                    next.error(), next.worker(), timeoutMs, maxAttempts, callbackUrl, next.callback());
        }
        if (reportsCallback(next)) {
            return new TicketView(id, type, status, attempt, submittedAt, startedAt, finishedAt, nextAttemptAt, result,
                    error, worker, timeoutMs, maxAttempts, callbackUrl, next.callback());
        }
        return this;
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    private boolean reportsCallback(TicketResult next) {
        return isTerminal() && next.status() == status && next.attempt() == attempt && next.callback() != null
                && !next.callback().equals(callback);
    }
}
