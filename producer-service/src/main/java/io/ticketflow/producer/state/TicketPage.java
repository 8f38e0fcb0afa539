package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param next where the next page starts, or {@code null} on the last page
 */
public record TicketPage(List<TicketState> tickets, String next) {
}
