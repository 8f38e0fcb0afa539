package io.ticketflow.producer.kafka;

/**
 * The record made from a request is over what Kafka accepts: retrying cannot help, unlike
 * {@link UnavailableException}, so it is a 413.
 */
public class TooLargeForKafkaException extends RuntimeException {

    public TooLargeForKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
