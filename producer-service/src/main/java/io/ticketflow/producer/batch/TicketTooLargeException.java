package io.ticketflow.producer.batch;

/** A ticket of a batch larger than one posted alone may be. */
final class TicketTooLargeException extends RuntimeException {

    private final String item;

    TicketTooLargeException(String item, long size, long limit) {
        super("is %d bytes; a ticket may have at most %d (ticketflow.http.max-body-size)".formatted(size, limit));
        this.item = item;
    }

    String item() {
        return item;
    }
}
