package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketEvent;

/**
 * An event keyed by the ticket it is about, and whether that key differs from the one its record was partitioned by:
 * such an event must go through a repartition topic to reach the task that holds the ticket.
 */
record Routed(TicketEvent event, boolean moved) {
}
