package io.ticketflow.producer.submit;

import java.time.Duration;

/** Kafka did not acknowledge a submission in time: the client should retry later, the ticket is not accepted. */
public class SubmitUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public SubmitUnavailableException(Duration retryAfter, Throwable cause) {
        super("The ticket could not be stored in time; retry later", cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
