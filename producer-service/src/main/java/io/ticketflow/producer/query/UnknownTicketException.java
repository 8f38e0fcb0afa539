package io.ticketflow.producer.query;

/** No ticket with this id, even after the view read everything written before the request. */
public class UnknownTicketException extends RuntimeException {

    public UnknownTicketException(String id) {
        super("No ticket with id '" + id + "'");
    }
}
