package io.ticketflow.client;

/**
 * Where a ticket is: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}, {@code RUNNING → RETRYING → RUNNING};
 * a ticket submitted with a future {@code runAt} is {@code SCHEDULED → QUEUED} first (or {@code CANCELLED}).
 */
public enum TicketStatus {
    SCHEDULED,
    QUEUED,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** A ticket never leaves a terminal status. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
