package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A state change of a ticket: the value of a record on {@code ticket-results}, keyed by {@link #ticketId()}.
 * Schema: {@code schemas/ticket-result.schema.json}.
 *
 * @param ticketId   the ticket it is about
 * @param status     the new state
 * @param attempt    which attempt (1 for the first run)
 * @param result     the handler's output, on {@code SUCCEEDED}
 * @param error      why, on {@code FAILED}
 * @param startedAt  when the attempt started
 * @param finishedAt when the ticket reached a terminal state
 * @param worker     which worker instance wrote it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketResult(
        String ticketId,
        TicketStatus status,
        int attempt,
        JsonNode result,
        TicketError error,
        Instant startedAt,
        Instant finishedAt,
        String worker) {

    public static TicketResult running(String ticketId, int attempt, Instant startedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.RUNNING, attempt, null, null, startedAt, null, worker);
    }

    public static TicketResult succeeded(String ticketId, int attempt, JsonNode result, Instant startedAt,
            Instant finishedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.SUCCEEDED, attempt, result, null, startedAt, finishedAt, worker);
    }

    public static TicketResult failed(String ticketId, int attempt, TicketError error, Instant startedAt,
            Instant finishedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.FAILED, attempt, null, error, startedAt, finishedAt, worker);
    }
}
