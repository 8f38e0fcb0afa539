package io.ticketflow.client;

/** Base of every exception the client raises on purpose (unchecked: they arrive through CompletionStages). */
public class TicketflowException extends RuntimeException {

    public TicketflowException(String message) {
        super(message);
    }
}
