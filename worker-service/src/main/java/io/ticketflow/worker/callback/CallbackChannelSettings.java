package io.ticketflow.worker.callback;

import io.smallrye.common.annotation.Identifier;
import io.ticketflow.worker.kafka.ConcurrentChannel;
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

    @Produces
    @Identifier("ticket-state")
    Map<String, Object> stateChannel(CallbackConfig callbacks) {
        return ConcurrentChannel.settings(callbacks.maxConcurrent(), longestDelivery(callbacks));
    }

    /** Every POST running into its time limit, with the longest backoff between each two. */
    static Duration longestDelivery(CallbackConfig callbacks) {
        int posts = Math.max(1, callbacks.maxAttempts());
        return CallbackClient.longestPost(callbacks).multipliedBy(posts)
                .plus(callbacks.maxBackoff().multipliedBy(posts - 1));
    }
}
