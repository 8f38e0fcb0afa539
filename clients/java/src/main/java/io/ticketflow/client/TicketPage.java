package io.ticketflow.client;

import java.util.List;

/** One page of {@code GET /tickets}, newest first; {@code next} is the cursor of the following page, null on the last. */
public record TicketPage(List<TicketView> tickets, String next) {
}
