package io.ticketflow.worker.handlers;

import java.time.Duration;
import java.util.Optional;

/**
 * A handler's way to fail a ticket with its own error code. {@code retryable} says whether running the ticket again
 * could succeed (a refused connection) or never will (a malformed payload); {@code retryAfter}, how long the called
 * service asked to be left alone (an HTTP {@code Retry-After}): the next attempt is not due sooner, though never later
 * than {@code ticketflow.worker.retry.max-backoff}.
 */
public class TicketFailure extends RuntimeException {

    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String HOST_NOT_ALLOWED = "host_not_allowed";

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public TicketFailure(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public TicketFailure(String code, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static TicketFailure invalidPayload(String message) {
        return new TicketFailure(INVALID_PAYLOAD, message, false);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
