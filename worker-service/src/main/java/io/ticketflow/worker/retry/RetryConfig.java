package io.ticketflow.worker.retry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How tickets whose attempt failed with a retryable error are tried again. */
@ConfigMapping(prefix = "ticketflow.worker.retry")
public interface RetryConfig {

    /** Attempts of a ticket that sets no {@code maxAttempts} and whose handler type has no default; 1 = no retry. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait after the first failed attempt. */
    @WithDefault("1S")
    Duration initialBackoff();

    /** Each further failed attempt multiplies the wait by this. */
    @WithDefault("2.0")
    double multiplier();

    /**
     * Longest wait between two attempts. The retry relay holds a waiting ticket's record un-acked for about twice
     * this at most, so its channel's {@code throttled.unprocessed-record-max-age.ms} is derived from it.
     */
    @WithDefault("5M")
    Duration maxBackoff();

    /** Each wait is spread at random by up to this fraction of itself, either way. */
    @WithDefault("0.2")
    double jitter();

    /**
     * How many tickets the retry relay of this instance holds waiting at once: a timer each, no thread, no
     * processing slot. Beyond it, retry records queue in Kafka until a waiting ticket is due.
     */
    @WithDefault("10000")
    int maxWaiting();
}
