package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The decided state of a ticket: the value of a record on {@code ticket-state}, keyed by {@link #id()}, written only
 * by the state machine ({@link TicketLifecycle} decides every field). Every answer a client gets comes from this.
 * Schema: {@code schemas/ticket-state.schema.json}.
 *
 * @param revision       1 for the first decision about the ticket, one more for each change after it
 * @param updatedAt      when the state machine made this decision; retention counts from here
 * @param submission     the request id of the submission that created the ticket (tells its creator from replays)
 * @param cancellation   the request id of the cancel that decided {@code CANCELLED}, when one did
 * @param requestHash    with {@code idempotencyKey}: the digest of the request that created the ticket
 * @param owner          who submitted it (see {@link TicketRecord#owner()})
 * @param traceId        the W3C trace id of the ticket: the submission's, or the worker's for a ticket written by hand
 * @param priority       as submitted; {@code normal} when absent
 * @param runAt          a scheduled ticket does not run before this instant
 * @param progress       how far the running attempt has got, as last reported
 * @param attempts       each attempt so far, oldest first (the last {@link TicketAttempt#KEPT}); absent before the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketState(
        String id,
        long revision,
        String type,
        TicketStatus status,
        int attempt,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant nextAttemptAt,
        JsonNode result,
        TicketError error,
        String worker,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl,
        CallbackDelivery callback,
        String idempotencyKey,
        String requestHash,
        String submission,
        String cancellation,
        Instant updatedAt,
        String owner,
        String traceId,
        TicketPriority priority,
        Instant runAt,
        TicketProgress progress,
        List<TicketAttempt> attempts) {

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** A ticket as submitted: {@code QUEUED} (or {@code SCHEDULED}), nothing run yet. A record without a readable ticket is one too. */
    static TicketState queued(String id, TicketRecord ticket, String submission, Instant now, boolean scheduled) {
        TicketRecord known = ticket == null ? TicketRecord.submitted(id, null, null, null, null, null, null) : ticket;
        return new TicketState(id, 1, blankToNull(known.type()),
                scheduled ? TicketStatus.SCHEDULED : TicketStatus.QUEUED, 0, known.submittedAt(), null,
                null, null, null, null, null, known.timeoutMs(), known.maxAttempts(), known.callbackUrl(), null,
                known.idempotencyKey(), known.requestHash(), submission, null, now, known.owner(), known.traceId(),
                known.priority(), known.runAt(), null, null);
    }

    /** A report about a ticket not seen yet (written by hand, or whose ticket record expired first). */
    static TicketState reported(TicketResult report, Instant now) {
        return new TicketState(report.ticketId(), 0, null, null, 0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, now, null, null, null, null, null, null)
                .withReport(report, now);
    }

    /** Adds a ticket's own fields to a state that a report created before the ticket was read; never the status. */
    TicketState withTicket(TicketRecord ticket, String submissionId, Instant now) {
        return new TicketState(id, revision + 1, blankToNull(ticket.type()), status, attempt, ticket.submittedAt(),
                startedAt, finishedAt, nextAttemptAt, result, error, worker, ticket.timeoutMs(), ticket.maxAttempts(),
                ticket.callbackUrl(), callback, ticket.idempotencyKey(), ticket.requestHash(), submissionId,
                cancellation, now, ticket.owner(), ticket.traceId() != null ? ticket.traceId() : traceId,
                ticket.priority(), ticket.runAt(), progress, attempts);
    }

    TicketState withReport(TicketResult report, Instant now) {
        // A retry's report says when its attempt ended; the ticket itself finishes only on a terminal state.
        return new TicketState(id, revision + 1, type, report.status(), report.attempt(), submittedAt,
                report.startedAt(), report.status().isTerminal() ? report.finishedAt() : null, report.nextAttemptAt(),
                report.result(), report.error(), report.worker(), timeoutMs, maxAttempts, callbackUrl, report.callback(), idempotencyKey, requestHash,
                submission, cancellation, now, owner, traceId != null ? traceId : report.traceId(), priority, runAt,
                report.progress(), TicketAttempt.recorded(attempts, report, now));
    }

    TicketState withProgress(TicketProgress newProgress, Instant now) {
        return new TicketState(id, revision + 1, type, status, attempt, submittedAt, startedAt, finishedAt,
                nextAttemptAt, result, error, worker, timeoutMs, maxAttempts, callbackUrl, callback, idempotencyKey,
                requestHash, submission, cancellation, now, owner, traceId, priority, runAt, newProgress, attempts);
    }

    /** A scheduled ticket whose time has come: {@code QUEUED}. */
    TicketState due(Instant now) {
        return new TicketState(id, revision + 1, type, TicketStatus.QUEUED, attempt, submittedAt, startedAt, finishedAt,
                nextAttemptAt, result, error, worker, timeoutMs, maxAttempts, callbackUrl, callback, idempotencyKey,
                requestHash, submission, cancellation, now, owner, traceId, priority, runAt, progress, attempts);
    }

    TicketState withCallback(CallbackDelivery delivery, Instant now) {
        return new TicketState(id, revision + 1, type, status, attempt, submittedAt, startedAt, finishedAt,
                nextAttemptAt, result, error, worker, timeoutMs, maxAttempts, callbackUrl, delivery, idempotencyKey,
                requestHash, submission, cancellation, now, owner, traceId, priority, runAt, progress, attempts);
    }

    TicketState cancelled(TicketCommand command, Instant now) {
        TicketError why = new TicketError(TicketError.CANCELLED, "cancelled by client");
        return new TicketState(id, revision + 1, type, TicketStatus.CANCELLED, attempt, submittedAt, startedAt, now,
                null, null, why, worker, timeoutMs, maxAttempts, callbackUrl, null, idempotencyKey, requestHash,
                submission, command.requestId(), now, owner, traceId, priority, runAt, null,
                TicketAttempt.cancelled(attempts, attempt, why, now));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
