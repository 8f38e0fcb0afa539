package io.ticketflow.producer.limits;

import java.time.Duration;

/**
 * The limits of one owner.
 *
 * @param submits       submissions per {@code per}, and the most at once (the bucket's capacity)
 * @param maxUnfinished tickets queued, running or waiting to retry at once
 */
record Limit(long submits, Duration per, long maxUnfinished) {

    /** The window of the {@code RateLimit-Policy} header, in whole seconds. */
    long windowSeconds() {
        return Math.max(1, (per.toMillis() + 999) / 1000);
    }
}
