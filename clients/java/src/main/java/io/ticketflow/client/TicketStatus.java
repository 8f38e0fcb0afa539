package io.ticketflow.client;

/** Where a ticket is: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}, {@code RUNNING → RETRYING → RUNNING}. */
public enum TicketStatus {
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
