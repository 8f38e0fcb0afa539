package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A submitted ticket: the value of a record on {@code tickets}, keyed by {@link #id()}.
 * Schema: {@code schemas/ticket.schema.json}. Only {@code type} is required of a record written by hand; the
 * worker derives a missing id with {@link TicketIds}.
 *
 * @param id          ticket id
 * @param type        which handler runs it, e.g. {@code echo}, {@code delay}, {@code http}
 * @param payload     any JSON, given to the handler as it is
 * @param submittedAt when it was accepted
 * @param timeoutMs   per-attempt time limit; the type's default when absent
 * @param maxAttempts how many attempts at most; the type's default when absent
 * @param callbackUrl where to post the terminal result, when present
 * @param attempt     which attempt this record asks for; absent on a new ticket (attempt 1), set by the worker when
 *                    it schedules a retry
 * @param notBefore   on the retry topic only: the ticket is not run before this instant
 * @param idempotencyKey the client's {@code Idempotency-Key}, when it gave one
 * @param requestHash    a digest of the request that created the ticket, to tell a replay from a conflicting reuse
 *                       of the same idempotency key
 * @param requestId      unique per submit request: the state machine records which one created the ticket, so that
 *                       of two requests racing with one Idempotency-Key exactly one is told it created it
 * @param owner       who submitted it: the authenticated principal; absent on a record written by hand
 * @param traceId     the W3C trace id of the submission, tying the ticket to its trace
 * @param priority    how urgent it is; {@code normal} when absent
 * @param runAt       a scheduled ticket does not run before this instant: the worker parks it on the retry topic
 *                    until then; absent on the record the retry relay puts back when it is due
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketRecord(
        String id,
        String type,
        JsonNode payload,
        Instant submittedAt,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl,
        Integer attempt,
        Instant notBefore,
        String idempotencyKey,
        String requestHash,
        String requestId,
        String owner,
        String traceId,
        TicketPriority priority,
        Instant runAt) {

    /** A new ticket, as a client submits it. */
    public static TicketRecord submitted(String id, String type, JsonNode payload, Instant submittedAt, Long timeoutMs,
            Integer maxAttempts, String callbackUrl) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, null, null, null, null, null,
                null, null, null, null);
    }

    /** The attempt this record asks for: 1 unless the worker scheduled it as a retry. */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    public TicketRecord withId(String newId) {
        return new TicketRecord(newId, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, notBefore,
                idempotencyKey, requestHash, requestId, owner, traceId, priority, runAt);
    }

    /** The same ticket, scheduled as attempt {@code next}, not to run before {@code at}. */
    public TicketRecord retry(int next, Instant at) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, next, at,
                idempotencyKey, requestHash, requestId, owner, traceId, priority, runAt);
    }

    /**
     * The same ticket, due now: what goes back onto the tickets topic once a retry's or a scheduled ticket's wait is
     * over. Without {@code runAt}, which tells the state machine that a scheduled ticket's time has come.
     */
    public TicketRecord due() {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, null,
                idempotencyKey, requestHash, requestId, owner, traceId, priority, null);
    }

    public TicketRecord withIdempotency(String key, String hash) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, notBefore,
                key, hash, requestId, owner, traceId, priority, runAt);
    }

    /** The same ticket, written by the submit request {@code id}. */
    public TicketRecord withRequestId(String id) {
        return new TicketRecord(this.id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt,
                notBefore, idempotencyKey, requestHash, id, owner, traceId, priority, runAt);
    }

    public TicketRecord withOwner(String newOwner) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, notBefore,
                idempotencyKey, requestHash, requestId, newOwner, traceId, priority, runAt);
    }

    public TicketRecord withTraceId(String newTraceId) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, notBefore,
                idempotencyKey, requestHash, requestId, owner, newTraceId, priority, runAt);
    }

    /** The same ticket with its scheduling: how urgent, and not before when. */
    public TicketRecord scheduled(TicketPriority newPriority, Instant newRunAt) {
        return new TicketRecord(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl, attempt, notBefore,
                idempotencyKey, requestHash, requestId, owner, traceId, newPriority, newRunAt);
    }
}
