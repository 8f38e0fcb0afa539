package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;

/** What the view tells a ticket's listeners: a new decided state, or that the ticket expired and is gone. */
public sealed interface TicketChange {

    String id();

    record Decided(TicketState state) implements TicketChange {
        @Override
        public String id() {
            return state.id();
        }
    }

    record Expired(String id) implements TicketChange {
    }
}
