package io.ticketflow.client;

import java.time.Duration;

/** 429: too many requests; {@link #retryAfter()} says how long to wait. */
public class RateLimitedException extends ApiException {

    public RateLimitedException(Problem problem, Duration retryAfter) {
        super(problem, retryAfter);
    }
}
