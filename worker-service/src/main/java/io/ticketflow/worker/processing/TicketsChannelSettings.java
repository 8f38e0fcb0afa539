package io.ticketflow.worker.processing;

import io.smallrye.common.annotation.Identifier;
import io.ticketflow.topics.TicketLimitsConfig;
import io.ticketflow.worker.kafka.ConcurrentChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * The settings of the {@code tickets} channel that follow from {@code ticketflow.tickets.max-timeout} and the types'
 * limits, derived so that they cannot disagree with them. The Kafka connector finds this map by the channel's name
 * and reads it under the channel's own {@code mp.messaging.incoming.tickets.*} properties, which still win when set.
 */
@ApplicationScoped
class TicketsChannelSettings {

    @Produces
    @Identifier("tickets")
    Map<String, Object> ticketsChannel(TicketLimitsConfig limits, TypeConcurrency slots) {
        return ConcurrentChannel.settings(slots.pipelineCapacity(), limits.maxTimeout());
    }

    /** The same for the high-priority channel: it may fill every slot. */
    @Produces
    @Identifier("tickets-high")
    Map<String, Object> highChannel(TicketLimitsConfig limits, TypeConcurrency slots) {
        return ticketsChannel(limits, slots);
    }

    /** The same for the low-priority channel. */
    @Produces
    @Identifier("tickets-low")
    Map<String, Object> lowChannel(TicketLimitsConfig limits, TypeConcurrency slots) {
        return ticketsChannel(limits, slots);
    }
}
