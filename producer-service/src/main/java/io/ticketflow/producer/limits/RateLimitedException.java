package io.ticketflow.producer.limits;

import java.time.Duration;

/** A submission over the owner's rate: answered 429 with Retry-After and the RateLimit headers. */
public final class RateLimitedException extends RuntimeException {

    private final transient Allowance allowance;

    RateLimitedException(Allowance allowance) {
        super("Too many submissions: " + allowance.limit() + " per " + allowance.windowSeconds()
                + " s are allowed; retry after " + allowance.resetSeconds() + " s");
        this.allowance = allowance;
    }

    public Allowance allowance() {
        return allowance;
    }

    public Duration retryAfter() {
        return Duration.ofSeconds(allowance.resetSeconds());
    }
}
