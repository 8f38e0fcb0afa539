package io.ticketflow.topics;

import io.smallrye.config.ConfigMapping;
import io.ticketflow.contract.TicketPriority;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The topics of the contract as this deployment names and sizes them. */
@ConfigMapping(prefix = "ticketflow.topics")
public interface TopicsConfig {

    /** Create missing topics at startup. Turn off where topics are managed elsewhere (GitOps, Strimzi). */
    @WithDefault("true")
    boolean provision();

    /** Replication factor of created topics: 1 for a single broker, 3 in production. */
    @WithDefault("1")
    short replicationFactor();

    /** How long startup waits for the broker to answer the topic checks. */
    @WithDefault("30S")
    Duration provisionTimeout();

    /** Submitted tickets of normal priority. Partitions bound how many worker instances share the load. */
    Topic tickets();

    /** Submitted tickets of high priority; as many partitions as tickets (the state machine reads them together). */
    Topic ticketsHigh();

    /** Submitted tickets of low priority; as many partitions as tickets. */
    Topic ticketsLow();

    /** Where tickets of {@code priority} go; {@code null} is normal. */
    default Topic tickets(TicketPriority priority) {
        return switch (priority == null ? TicketPriority.NORMAL : priority) {
            case HIGH -> ticketsHigh();
            case NORMAL -> tickets();
            case LOW -> ticketsLow();
        };
    }

    /** Workers' reports: state changes and results, read by the state machine. */
    Topic results();

    /** Decided states, written by the state machine only; compacted, with tombstones for expired tickets. */
    Topic state();

    /** Tickets waiting for their next attempt (the worker's retry relay puts them back on tickets when due). */
    Topic retries();

    /** Commands about tickets, such as cancel, read by every worker instance. */
    Topic commands();

    /** Records the worker could not read or finish, with the reason in headers. */
    Topic deadLetter();

    /** Workers' heartbeats, keyed by worker id, for the dashboard's list of workers; compacted. */
    Topic heartbeats();

    /** Defaults per topic are in this module's {@code META-INF/microprofile-config.properties}. */
    interface Topic {
        String name();

        int partitions();

        /** How long records are kept. Defaults to {@code ticketflow.tickets.retention} where a ticket lives in it. */
        Duration retention();
    }
}
