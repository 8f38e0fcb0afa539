package io.ticketflow.producer.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How status requests wait, and how the status view reads Kafka. */
@ConfigMapping(prefix = "ticketflow.status")
public interface StatusConfig {

    /** The longest long-poll; a longer {@code wait} or {@code Prefer: wait} is cut to it. */
    @WithDefault("60S")
    Duration maxWait();

    /**
     * How long a request for an id the view does not know waits for the view to read everything written before
     * the request, before answering 404. Covers a ticket submitted through another instance a moment ago.
     */
    @WithDefault("2S")
    Duration unknownIdCatchUp();

    /** How long one poll of the view's consumer blocks when there is nothing new; requests wake it earlier. */
    @WithDefault("1S")
    Duration pollTimeout();
}
