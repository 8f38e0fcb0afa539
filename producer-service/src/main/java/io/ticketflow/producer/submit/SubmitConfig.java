package io.ticketflow.producer.submit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How submissions wait for Kafka. */
@ConfigMapping(prefix = "ticketflow.submit")
public interface SubmitConfig {

    /** How long a submission waits for the broker's acknowledgement before answering 503 instead of 202. */
    @WithDefault("5S")
    Duration ackTimeout();

    /** The Retry-After of a 503, rounded to whole seconds. */
    @WithDefault("5S")
    Duration retryAfter();
}
