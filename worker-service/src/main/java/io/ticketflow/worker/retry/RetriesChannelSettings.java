package io.ticketflow.worker.retry;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * The settings of the {@code ticket-retries} channel that follow from {@link RetryConfig}, found by the connector
 * under the channel's name; {@code mp.messaging.incoming.ticket-retries.*} properties still win when set.
 */
@ApplicationScoped
class RetriesChannelSettings {

    /** Covers writing the due ticket back to the tickets topic. */
    static final long SLACK_MS = 60_000;

    @Produces
    @Identifier("ticket-retries")
    Map<String, Object> retriesChannel(RetryConfig retry) {
        long maxBackoffMs = retry.maxBackoff().toMillis();
        // A retry record stays un-acked while it waits: up to max-backoff for a free place among max-waiting, then up
        // to max-backoff for its time. Older than this, the connector declares the channel failed and closes it.
        return Map.of("throttled.unprocessed-record-max-age.ms",
                Integer.toString(Math.toIntExact(2 * maxBackoffMs + SLACK_MS)));
    }
}
