package io.ticketflow.producer.problem;

import java.time.Duration;

/**
 * Kafka did not acknowledge a write (or the view did not catch up) in time: the client should retry later; nothing
 * was promised.
 */
public class UnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
