package io.ticketflow.contract;

/**
 * The states a ticket moves through. Which move is legal is decided in one place: {@link TicketLifecycle}.
 * The declaration order within one attempt is the order of progress.
 */
public enum TicketStatus {
    /** Submitted with a {@code runAt} in the future: waits in the retry relay, then is {@code QUEUED}. */
    SCHEDULED,
    QUEUED,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
