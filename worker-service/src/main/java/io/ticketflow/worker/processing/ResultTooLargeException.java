package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;

/** The dead-letter reason of a ticket whose result Kafka refused for its size. */
public class ResultTooLargeException extends RuntimeException {

    public ResultTooLargeException(TicketResult refused, Throwable cause) {
        super(TicketError.RESULT_TOO_LARGE + ": its " + refused.status().name() + " result was refused by Kafka: "
                + cause.getMessage(), cause);
    }
}
