package io.ticketflow.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long a ticket is kept after its last change: its state, its result and its Idempotency-Key. The topics that
 * hold tickets take it as their retention, and the state machine forgets tickets after it, so a client can rely on
 * one figure (Celery's {@code result_expires}, BullMQ's {@code removeOnComplete: {age}}).
 */
@ConfigMapping(prefix = "ticketflow.tickets")
public interface RetentionConfig {

    /** After this long without a change a ticket is gone: 404 for its id, its Idempotency-Key free again. */
    @WithDefault("7D")
    Duration retention();
}
