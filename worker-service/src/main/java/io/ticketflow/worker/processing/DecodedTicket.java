package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketRecord;

/** What a record on the tickets topic turned out to be. */
public sealed interface DecodedTicket {

    /** A ticket that can run; its id is already derived. */
    record Valid(TicketRecord ticket) implements DecodedTicket {
    }

    /** A record that cannot be a ticket: it fails at once and goes to the dead letters. */
    record Invalid(String ticketId, String reason) implements DecodedTicket {
    }
}
