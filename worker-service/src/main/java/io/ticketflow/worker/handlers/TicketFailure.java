package io.ticketflow.worker.handlers;

/**
 * A handler's way to fail a ticket with its own error code. {@code retryable} says whether running the ticket again
 * could succeed (a refused connection) or never will (a malformed payload).
 */
public class TicketFailure extends RuntimeException {

    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String HOST_NOT_ALLOWED = "host_not_allowed";

    private final String code;
    private final boolean retryable;

    public TicketFailure(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
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
}
