package io.ticketflow.producer.kafka;

import java.time.Duration;

/**
 * Kafka did not acknowledge a write, or the state machine did not decide, in time: the client should retry later.
 * For a submission the record may still have been stored (it can leave the client's buffer after the answer), so
 * the exception names the ticket id it would have and the Idempotency-Key, if any: a retry with the same key is safe,
 * and a GET on the id tells whether it was accepted.
 */
public class UnavailableException extends RuntimeException {

    private final Duration retryAfter;
    private final String ticketId;
    private final String idempotencyKey;

    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, cause, null, null);
    }

    private UnavailableException(String message, Duration retryAfter, Throwable cause, String ticketId,
            String idempotencyKey) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.ticketId = ticketId;
        this.idempotencyKey = idempotencyKey;
    }

    /** The same failure, about a submission that may have been accepted as ticket {@code id}. */
    public UnavailableException aboutTicket(String id, String key) {
        return new UnavailableException(getMessage(), retryAfter, getCause(), id, key);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** @return the id the ticket has if it was accepted after all, or {@code null} */
    public String ticketId() {
        return ticketId;
    }

    /** @return the Idempotency-Key of the request, or {@code null} */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
