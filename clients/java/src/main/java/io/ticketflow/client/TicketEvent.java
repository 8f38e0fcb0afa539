package io.ticketflow.client;

/** One server-sent event of {@code GET /tickets/{id}/events}: named after the status, {@code id} the revision. */
public record TicketEvent(String name, String id, TicketView ticket) {
}
