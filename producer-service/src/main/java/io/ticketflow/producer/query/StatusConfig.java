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
     * a ticket accepted a moment ago that the state machine has not decided yet.
     */
    @WithDefault("2S")
    Duration unknownIdWait();

    /** The largest page of {@code GET /tickets}. */
    @WithDefault("500")
    int maxPageSize();
}
