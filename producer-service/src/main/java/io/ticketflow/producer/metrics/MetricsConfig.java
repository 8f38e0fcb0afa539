package io.ticketflow.producer.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.ticketflow.contract.ConsumerGroups;

import java.time.Duration;

/** What the producer measures beyond its own requests: the queue of tickets and how far its view has read. */
@ConfigMapping(prefix = "ticketflow.metrics")
public interface MetricsConfig {

    /** The workers' consumer group on {@code tickets}: the worker's {@code mp.messaging.incoming.tickets.group.id}. */
    @WithDefault(ConsumerGroups.WORKER)
    String workerGroup();

    /** How often the queue depth and the view lag are read from Kafka (three small admin requests). */
    @WithDefault("5S")
    Duration lagInterval();
}
