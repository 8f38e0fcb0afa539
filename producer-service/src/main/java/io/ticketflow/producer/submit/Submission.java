package io.ticketflow.producer.submit;

import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.query.TicketView;

/** What a submission led to: a new ticket, or the one an earlier request with the same Idempotency-Key created. */
public sealed interface Submission {

    /** Answered 202: Kafka stored this new ticket. */
    record Created(TicketRecord ticket) implements Submission {
    }

    /** Answered 200: a replay; the ticket as it is now. */
    record Replayed(TicketView view) implements Submission {
    }
}
