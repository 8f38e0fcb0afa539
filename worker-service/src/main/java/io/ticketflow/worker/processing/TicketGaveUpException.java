package io.ticketflow.worker.processing;

/**
 * Why a ticket that could have been retried was not, as the dead-letter headers show it: the message is the
 * {@code dead-letter-reason}, the cause is the last attempt's failure ({@code dead-letter-cause-class-name}).
 */
public class TicketGaveUpException extends RuntimeException {

    private final String why;

    /** @param why a short code leading the reason, such as {@code attempts_exhausted} */
    public TicketGaveUpException(String why, String reason, Throwable lastFailure) {
        super(reason, lastFailure, false, false);
        this.why = why;
    }

    public String why() {
        return why;
    }
}
