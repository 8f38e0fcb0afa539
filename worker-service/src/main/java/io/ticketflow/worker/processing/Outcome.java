package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;

/** How one attempt of a ticket ended, and so what its record's ack waits for. */
public sealed interface Outcome {

    TicketResult result();

    /** SUCCEEDED, FAILED for good, or CANCELLED: the ticket is done once the result is written. */
    record Finished(TicketResult result) implements Outcome {
    }

    /** RETRYING: the ticket is done here once {@code next} is on the retry topic and the result is written. */
    record Retry(TicketResult result, TicketRecord next) implements Outcome {
    }

    /** FAILED after the last attempt: once the result is written, the record goes to the dead letters for {@code reason}. */
    record GaveUp(TicketResult result, TicketGaveUpException reason) implements Outcome {
    }
}
