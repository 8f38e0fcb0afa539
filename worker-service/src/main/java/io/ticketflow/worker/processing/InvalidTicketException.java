package io.ticketflow.worker.processing;

/**
 * Why a record is not a ticket. Its message becomes the {@code dead-letter-reason} header of the record's copy on
 * the dead-letter topic, so it names the offending field.
 */
public class InvalidTicketException extends RuntimeException {

    public InvalidTicketException(String reason) {
        super(reason, null, false, false);
    }
}
