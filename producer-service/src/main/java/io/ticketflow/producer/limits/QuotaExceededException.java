package io.ticketflow.producer.limits;

import java.time.Duration;

/** The owner has as many unfinished tickets as allowed: answered 429 quota-exceeded. */
public final class QuotaExceededException extends RuntimeException {

    private final Duration retryAfter;

    QuotaExceededException(long unfinished, long max, Duration retryAfter) {
        super(unfinished + " tickets of yours are queued, running or waiting to retry; at most " + max
                + " are allowed at once");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
