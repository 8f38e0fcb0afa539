package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketEvent;

/**
 * An event keyed by the ticket it is about, and whether its record sits on another partition than that id belongs
 * to: such an event must go through a repartition topic to reach the task that holds the ticket.
 */
record Routed(TicketEvent event, boolean moved) {
}
