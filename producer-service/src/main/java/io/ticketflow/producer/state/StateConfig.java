package io.ticketflow.producer.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the ticket state machine and the read view run. Kafka Streams' own settings go under {@code kafka-streams.*}. */
@ConfigMapping(prefix = "ticketflow.state")
public interface StateConfig {

    /**
     * Where this instance keeps its stores on disk (Kafka Streams' {@code state.dir}). Default:
     * {@code ${java.io.tmpdir}/ticketflow-producer-<http port>}; two instances on one machine need two directories, and
     * a production instance a persistent volume, so that a restart resumes instead of rebuilding.
     */
    java.util.Optional<String> dir();

    /** How often the state machine looks for tickets past {@code ticketflow.tickets.retention} and forgets them. */
    @WithDefault("1M")
    Duration sweepInterval();

    /** How often this instance checks that it can reach Kafka; readiness is DOWN while it cannot. */
    @WithDefault("5S")
    Duration reachabilityInterval();

    /** How long one reachability check may take before it counts as a failure. */
    @WithDefault("3S")
    Duration reachabilityTimeout();
}
