package io.ticketflow.producer.cancel;

import io.ticketflow.contract.TicketStatus;

/** A cancellation of a ticket in a terminal state: nothing left to cancel, answered 409. */
public class AlreadyFinishedException extends RuntimeException {

    public AlreadyFinishedException(String id, TicketStatus status) {
        super("Ticket '" + id + "' already finished: " + status);
    }
}
