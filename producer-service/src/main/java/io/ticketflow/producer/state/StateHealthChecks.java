package io.ticketflow.producer.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when this instance answers from state that follows Kafka: streams RUNNING (nothing left to restore) and the
 * cluster reachable. Live unless the streams failed for good; a failed thread is replaced, not hidden.
 */
@ApplicationScoped
public class StateHealthChecks {

    private final StreamsLifecycle lifecycle;
    private final RestoreProgress restore;
    private final KafkaReachability kafka;
    private final TicketChanges changes;

    public StateHealthChecks(StreamsLifecycle lifecycle, RestoreProgress restore, KafkaReachability kafka,
            TicketChanges changes) {
        this.lifecycle = lifecycle;
        this.restore = restore;
        this.kafka = kafka;
        this.changes = changes;
    }

    @Produces
    @Readiness
    HealthCheck following() {
        return () -> {
            long left = restore.recordsLeft();
            boolean reachable = kafka.reachable();
            KafkaStreams.State state = lifecycle.state();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("ticket-state")
                    .status(state == KafkaStreams.State.RUNNING && left == 0 && reachable)
                    .withData("streams", state.name())
                    .withData("recordsLeftToRestore", left)
                    .withData("kafkaReachable", reachable)
                    .withData("watchedTickets", changes.watchedTickets());
            if (!reachable) {
                response.withData("kafkaFailure", kafka.lastFailure());
            }
            return response.build();
        };
    }

    @Produces
    @Liveness
    HealthCheck streamsAlive() {
        return () -> {
            KafkaStreams.State state = lifecycle.state();
            return HealthCheckResponse.named("ticket-state-streams")
                    .status(state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR)
                    .withData("streams", state.name())
                    .withData("replacedThreads", lifecycle.replacedThreads())
                    .build();
        };
    }
}
