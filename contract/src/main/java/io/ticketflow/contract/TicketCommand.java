package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A command about a ticket, for every worker: the value of a record on {@code ticket-commands}, keyed by ticket id.
 * Schema: {@code schemas/ticket-command.schema.json}.
 *
 * @param ticketId    the ticket it is about
 * @param command     what to do
 * @param requestedAt when it was asked for
 * @param requestId   unique per request: the decision it led to names it, so that its requester can tell its own
 *                    cancel from an earlier one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketCommand(String ticketId, Type command, Instant requestedAt, String requestId) {

    public enum Type {
        /** Do not start the ticket; stop it if it runs. */
        CANCEL
    }

    public static TicketCommand cancel(String ticketId, Instant requestedAt, String requestId) {
        return new TicketCommand(ticketId, Type.CANCEL, requestedAt, requestId);
    }
}
