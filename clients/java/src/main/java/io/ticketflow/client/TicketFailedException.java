package io.ticketflow.client;

/** The ticket ended {@code FAILED} (or {@code CANCELLED}, see the subclass): its error's code and message. */
public class TicketFailedException extends TicketflowException {

    private final transient TicketView ticket;

    public TicketFailedException(TicketView ticket) {
        super("ticket " + ticket.id() + " " + ticket.status()
                + (ticket.error() == null ? "" : ": " + ticket.error().code() + ": " + ticket.error().message()));
        this.ticket = ticket;
    }

    public TicketView ticket() {
        return ticket;
    }

    /** The error code, such as {@code timeout} or {@code unknown_type}; the status in lower case when none. */
    public String code() {
        return ticket.error() == null ? ticket.status().name().toLowerCase(java.util.Locale.ROOT) : ticket.error().code();
    }

    public String errorMessage() {
        return ticket.error() == null ? "" : ticket.error().message();
    }
}
