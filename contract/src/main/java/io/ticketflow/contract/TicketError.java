package io.ticketflow.contract;

/**
 * Why a ticket failed: a stable machine-readable {@code code} (such as {@code timeout}, {@code unknown_type},
 * {@code host_not_allowed}, {@code invalid_ticket}, {@code handler_error}) and a human-readable message.
 */
public record TicketError(String code, String message) {

    public static final String TIMEOUT = "timeout";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String INVALID_TICKET = "invalid_ticket";
    public static final String HANDLER_ERROR = "handler_error";
    public static final String CANCELLED = "cancelled";
    public static final String ATTEMPTS_EXHAUSTED = "attempts_exhausted";
    public static final String RESULT_TOO_LARGE = "result_too_large";
}
