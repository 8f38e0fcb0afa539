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
 * @param finishedAt when the attempt ended: on a terminal state, when the ticket did; on {@code RETRYING}, when the
 *                   failed attempt did
 * @param worker     which worker instance wrote it
 * @param nextAttemptAt on {@code RETRYING}: when the next attempt is due
 * @param callback   on a terminal state whose ticket has a callback URL: how its delivery went
 * @param progress   on {@code RUNNING}: how far the attempt has got, as its handler reported it
 * @param traceId    the W3C trace id the worker ran the ticket under (a ticket written by hand gets one there)
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
        String worker,
        Instant nextAttemptAt,
        CallbackDelivery callback,
        TicketProgress progress,
        String traceId) {

    public static TicketResult running(String ticketId, int attempt, Instant startedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.RUNNING, attempt, null, null, startedAt, null, worker, null, null, null, null);
    }

    public static TicketResult succeeded(String ticketId, int attempt, JsonNode result, Instant startedAt,
            Instant finishedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.SUCCEEDED, attempt, result, null, startedAt, finishedAt, worker,
                null, null, null, null);
    }

    public static TicketResult failed(String ticketId, int attempt, TicketError error, Instant startedAt,
            Instant finishedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.FAILED, attempt, null, error, startedAt, finishedAt, worker,
                null, null, null, null);
    }

    /**
     * Attempt {@code attempt} failed with a retryable error at {@code endedAt}; attempt {@code attempt + 1} is due at
     * {@code nextAttemptAt}.
     */
    public static TicketResult retrying(String ticketId, int attempt, TicketError error, Instant startedAt,
            Instant endedAt, Instant nextAttemptAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.RETRYING, attempt, null, error, startedAt, endedAt, worker,
                nextAttemptAt, null, null, null);
    }

    public static TicketResult cancelled(String ticketId, int attempt, String reason, Instant finishedAt, String worker) {
        return new TicketResult(ticketId, TicketStatus.CANCELLED, attempt, null, new TicketError(TicketError.CANCELLED, reason),
                null, finishedAt, worker, null, null, null, null);
    }

    /** The same state change under another ticket id (a record written by hand that names its ticket only by key). */
    public TicketResult withTicketId(String id) {
        return new TicketResult(id, status, attempt, result, error, startedAt, finishedAt, worker, nextAttemptAt, callback,
                progress, traceId);
    }

    /** This terminal result again, annotated with how the delivery of its callback went. */
    public TicketResult withCallback(CallbackDelivery delivery) {
        return new TicketResult(ticketId, status, attempt, result, error, startedAt, finishedAt, worker, nextAttemptAt,
                delivery, progress, traceId);
    }

    public TicketResult withProgress(TicketProgress newProgress) {
        return new TicketResult(ticketId, status, attempt, result, error, startedAt, finishedAt, worker, nextAttemptAt,
                callback, newProgress, traceId);
    }

    public TicketResult withTraceId(String newTraceId) {
        return new TicketResult(ticketId, status, attempt, result, error, startedAt, finishedAt, worker, nextAttemptAt,
                callback, progress, newTraceId);
    }
}
