package io.ticketflow.worker.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a busy worker shares its free slots among the priorities: per round, up to this many tickets of each that
 * wait (see {@code PriorityMerge}). A priority with nothing waiting gives its turn away, so an idle worker runs
 * whatever comes; only when several wait do the weights apply, and every weight is at least 1, so none starves.
 */
@ConfigMapping(prefix = "ticketflow.worker.priority")
public interface PriorityConfig {

    /** Tickets of {@code high} priority started per round. */
    @WithDefault("6")
    int highWeight();

    /** Tickets of {@code normal} priority (the {@code tickets} topic) started per round. */
    @WithDefault("3")
    int normalWeight();

    /** Tickets of {@code low} priority started per round. */
    @WithDefault("1")
    int lowWeight();

    /**
     * Tickets taken from each priority's channel ahead of a free slot, so that an urgent one is at hand when the next
     * slot frees: the rest waits in the channel's consumer, or in Kafka.
     */
    @WithDefault("16")
    int lookahead();
}
