package io.ticketflow.client;

/** The ticket was cancelled before it finished. */
public class TicketCancelledException extends TicketFailedException {

    public TicketCancelledException(TicketView ticket) {
        super(ticket);
    }
}
