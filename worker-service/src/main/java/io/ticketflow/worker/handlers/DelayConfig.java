package io.ticketflow.worker.handlers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the {@code delay} handler. */
@ConfigMapping(prefix = "ticketflow.handlers.delay")
public interface DelayConfig {

    /** Time limit of a delay ticket without {@code timeoutMs}. Default: none, so ticketflow.worker.default-timeout. */
    Optional<Duration> defaultTimeout();

    /** How often a delay ticket reports how long it has waited (progress); 0 reports nothing. */
    @WithDefault("1S")
    Duration progressEvery();
}
