package io.ticketflow.worker.heartbeat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How this worker announces itself on {@code worker-heartbeats}. */
@ConfigMapping(prefix = "ticketflow.worker.heartbeat")
public interface HeartbeatConfig {

    /**
     * How often a heartbeat is sent. The producer's dashboard counts a worker gone after a few missed ones
     * ({@code ticketflow.dashboard.worker-staleness}), so a worker killed without its tombstone leaves the list soon.
     */
    @WithDefault("5S")
    Duration interval();
}
