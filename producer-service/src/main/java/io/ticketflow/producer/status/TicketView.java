package io.ticketflow.producer.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
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
 * @param result the handler's output as JSON text, written out as JSON
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
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The handler's output, any JSON") String result,
        TicketError error,
        String worker,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl) {

    public static TicketView queued(String id, TicketFields ticket) {
        return new TicketView(id, ticket.type(), TicketStatus.QUEUED, 0, ticket.submittedAt(), null, null, null,
                null, null, ticket.timeoutMs(), ticket.maxAttempts(), ticket.callbackUrl());
    }

    /** A result seen before its ticket (or whose ticket expired): the ticket's fields arrive later, or never. */
    public static TicketView fromResult(TicketResult result) {
        return new TicketView(result.ticketId(), null, null, 0, null, null, null, null, null, null, null, null, null)
                .withResult(result);
    }

    /** Adds the ticket's own fields; never changes the state, since a ticket may arrive after its results. */
    public TicketView withTicket(TicketFields ticket) {
        if (type != null) {
            return this;
        }
        return new TicketView(id, ticket.type(), status, attempt, ticket.submittedAt(), startedAt, finishedAt, result,
                error, worker, ticket.timeoutMs(), ticket.maxAttempts(), ticket.callbackUrl());
    }

    /** @return the new state, or this same view when the result is older than what is known */
    public TicketView withResult(TicketResult next) {
        if (!TicketLifecycle.supersedes(status, attempt, next.status(), next.attempt())) {
            return this;
        }
        return new TicketView(id, type, next.status(), next.attempt(), submittedAt, next.startedAt(),
                next.finishedAt(), next.result() != null ? next.result().toString() : null, next.error(),
                next.worker(), timeoutMs, maxAttempts, callbackUrl);
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
