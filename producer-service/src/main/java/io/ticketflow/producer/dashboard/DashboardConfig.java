package io.ticketflow.producer.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The dashboard at {@code /}: what it shows and how it links out. */
@ConfigMapping(prefix = "ticketflow.dashboard")
public interface DashboardConfig {

    /**
     * A worker whose last heartbeat is older than this (or than three of its own intervals, if longer) is left out:
     * it was killed or cut off without saying goodbye. A worker that stops cleanly leaves at once (its tombstone).
     */
    @WithDefault("15S")
    Duration workerStaleness();

    /**
     * The link of a ticket's trace id: a URL with {@code {traceId}} in it, e.g.
     * {@code http://localhost:16686/trace/{traceId}} for Jaeger. Unset: the trace id is shown without a link.
     */
    Optional<String> traceUrl();

    /** How often the dashboard's event stream sends what changed (tickets, counts, charts, workers). */
    @WithDefault("500ms")
    Duration flushInterval();

    /**
     * Ticket changes held for one dashboard between two sends. A client too slow to take them (or a burst of more)
     * gets a "resync" instead — reload the page of tickets — so memory per client stays bounded.
     */
    @WithDefault("500")
    int maxPendingChanges();
}
