package io.ticketflow.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits of a ticket that both services enforce: the producer refuses at submit what the worker would not honour,
 * so that a client learns it from a 400 rather than from a ticket that behaves otherwise than asked.
 */
@ConfigMapping(prefix = "ticketflow.tickets")
public interface TicketLimitsConfig {

    /**
     * The longest per-attempt time limit a ticket may ask for ({@code timeoutMs}); more is a 400 at submit. The
     * worker also caps every limit at it (a type's default, a ticket written to Kafka directly), and a record stays
     * un-acked for at most about twice this (waiting for a free slot, then running), so the tickets channel's
     * {@code throttled.unprocessed-record-max-age.ms} is derived from it (TicketsChannelSettings).
     */
    @WithDefault("15M")
    Duration maxTimeout();
}
