package io.ticketflow.client;

/**
 * A submitted ticket.
 *
 * @param idempotencyKey the key it was submitted with (generated when the caller gave none)
 * @param replayed       whether the key had made the ticket already (a 200 with its state, not a 202)
 */
public record Ticket(String id, String idempotencyKey, boolean replayed) {
}
