package io.ticketflow.worker.processing;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * The settings of the {@code tickets} channel that follow from {@link WorkerConfig}, derived so that they cannot
 * disagree with it. The Kafka connector finds this map by the channel's name and reads it under the channel's own
 * {@code mp.messaging.incoming.tickets.*} properties, which still win when set.
 */
@ApplicationScoped
class TicketsChannelSettings {

    static final int QUEUE_SIZE_FACTOR = 2;
    /** Covers writing the RUNNING and terminal results around the handler's own time. */
    static final long SLACK_MS = 60_000;

    @Produces
    @Identifier("tickets")
    Map<String, Object> ticketsChannel(WorkerConfig worker) {
        long maxTimeoutMs = worker.maxTimeout().toMillis();
        int maxPollRecords = Math.ceilDiv(worker.maxInFlight(), QUEUE_SIZE_FACTOR);
        // Strings, because the connector converts strings to whatever type it reads a setting as.
        return Map.of(
                // The connector holds max.poll.records × max-queue-size-factor records, then pauses fetching while
                // it keeps polling (so the group membership stays alive): exactly as many as may run at once.
                "max.poll.records", Integer.toString(maxPollRecords),
                "max-queue-size-factor", Integer.toString(QUEUE_SIZE_FACTOR),
                // A record un-acked for longer marks the channel unhealthy. A record may wait one max-timeout for a
                // free slot (all slots busy with the longest tickets), then run for another.
                "throttled.unprocessed-record-max-age.ms", Integer.toString(Math.toIntExact(2 * maxTimeoutMs + SLACK_MS)));
    }
}
