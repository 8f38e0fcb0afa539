package io.ticketflow.worker.callback;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of the {@code ticket-state} channel that follow from {@link CallbackConfig}, derived so that they
 * cannot disagree with it. The connector finds this map by the channel's name; {@code
 * mp.messaging.incoming.ticket-state.*} properties still win when set.
 */
@ApplicationScoped
class CallbackChannelSettings {

    static final int QUEUE_SIZE_FACTOR = 2;
    /** Covers publishing the outcome after the last POST. */
    static final long SLACK_MS = 60_000;

    @Produces
    @Identifier("ticket-state")
    Map<String, Object> stateChannel(CallbackConfig callbacks) {
        int maxPollRecords = Math.ceilDiv(callbacks.maxConcurrent(), QUEUE_SIZE_FACTOR);
        long longestMs = longestDelivery(callbacks).toMillis();
        return Map.of(
                // As many records held as may be called back at once, so a record waits for one round at most.
                "max.poll.records", Integer.toString(maxPollRecords),
                "max-queue-size-factor", Integer.toString(QUEUE_SIZE_FACTOR),
                // A record un-acked for longer marks the channel unhealthy. It may wait while every slot holds the
                // longest callback, then take as long itself.
                "throttled.unprocessed-record-max-age.ms", Integer.toString(Math.toIntExact(2 * longestMs + SLACK_MS)));
    }

    /** Every POST running into its time limit, with the longest backoff between each two. */
    static Duration longestDelivery(CallbackConfig callbacks) {
        int posts = Math.max(1, callbacks.maxAttempts());
        return CallbackClient.longestPost(callbacks).multipliedBy(posts)
                .plus(callbacks.maxBackoff().multipliedBy(posts - 1));
    }
}
