package io.ticketflow.producer.query;

/** A ticket past {@code ticketflow.tickets.retention}: still told apart from an unknown id until it is swept. */
public class TicketExpiredException extends RuntimeException {

    public TicketExpiredException(String id) {
        super("Ticket '" + id + "' expired (ticketflow.tickets.retention)");
    }
}
