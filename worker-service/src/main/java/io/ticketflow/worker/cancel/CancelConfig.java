package io.ticketflow.worker.cancel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long and how many cancelled ticket ids this worker remembers. */
@ConfigMapping(prefix = "ticketflow.worker.cancel")
public interface CancelConfig {

    /**
     * How long after its request a cancel still stops its ticket. It covers a ticket queued or waiting for a retry
     * that long; match it to the retention of the commands topic, which every worker re-reads from the start.
     */
    @WithDefault("1D")
    Duration rememberFor();

    /** Upper bound of remembered ids (about 100 bytes each); beyond it the oldest are forgotten first. */
    @WithDefault("100000")
    int maxRemembered();
}
