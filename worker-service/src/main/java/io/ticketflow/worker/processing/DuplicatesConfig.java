package io.ticketflow.worker.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long and how many started attempts this worker remembers, so that it runs no duplicate of one (StartedAttempts). */
@ConfigMapping(prefix = "ticketflow.worker.duplicates")
public interface DuplicatesConfig {

    /**
     * How long after it settled an attempt is still known here. Duplicates written by racing producers arrive
     * together; records redelivered after a rebalance reach back to the oldest ticket then unfinished, so about
     * {@code ticketflow.tickets.max-timeout}: keep this above it. An attempt in flight is remembered for as long as it
     * runs, whatever this says.
     */
    @WithDefault("1H")
    Duration rememberFor();

    /**
     * Upper bound of settled attempts remembered (a few hundred bytes each); beyond it some are forgotten before their
     * time. Attempts in flight do not count: they are never forgotten.
     */
    @WithDefault("100000")
    long maxRemembered();
}
