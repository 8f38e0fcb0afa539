package io.ticketflow.worker.processing;

import io.smallrye.common.annotation.Identifier;
import io.ticketflow.worker.kafka.ConcurrentChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * The settings of the {@code tickets} channel that follow from {@link WorkerConfig} and the types' limits, derived so that they cannot
 * disagree with it. The Kafka connector finds this map by the channel's name and reads it under the channel's own
 * {@code mp.messaging.incoming.tickets.*} properties, which still win when set.
 */
@ApplicationScoped
class TicketsChannelSettings {

    @Produces
    @Identifier("tickets")
    Map<String, Object> ticketsChannel(WorkerConfig worker, TypeConcurrency slots) {
        return ConcurrentChannel.settings(slots.pipelineCapacity(), worker.maxTimeout());
    }
}
