package io.ticketflow.producer.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How status requests wait. */
@ConfigMapping(prefix = "ticketflow.status")
public interface StatusConfig {

    /** The longest long-poll; a longer {@code wait} or {@code Prefer: wait} is cut to it. */
    @WithDefault("60S")
    Duration maxWait();

    /**
     * How long a request for an id with no decided state waits for its first decision before answering 404: covers
     * a ticket another instance accepted a moment ago that the state machine has not decided yet. A ticket this
     * instance accepted waits {@code ticketflow.submit.decision-timeout} instead, then answers 503 (see
     * {@link #acceptedHere()}).
     */
    @WithDefault("2S")
    Duration unknownIdWait();

    /** The largest page of {@code GET /tickets}. */
    @WithDefault("500")
    int maxPageSize();

    /** The tickets this instance accepted and has not seen decided yet ({@link AcceptedHere}). */
    Remembered acceptedHere();

    interface Remembered {

        /**
         * How long an accepted ticket is remembered when no decision comes (its first decision forgets it at once):
         * long enough for the retries a 503 asks for ({@code ticketflow.submit.decision-timeout} plus
         * {@code retry-after} each) to be answered 503 again rather than 404.
         */
        @WithDefault("1M")
        Duration rememberFor();

        /**
         * Undecided tickets remembered at once (a few hundred bytes each): normally only the last moment's, as
         * decisions come within milliseconds. Beyond it some are forgotten early, and answered as another
         * instance's would be.
         */
        @WithDefault("100000")
        long maxRemembered();
    }
}
