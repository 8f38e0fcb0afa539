package io.ticketflow.worker.heartbeat;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.ticketflow.contract.WorkerHeartbeat;
import io.ticketflow.worker.handlers.HandlerRegistry;
import io.ticketflow.worker.processing.TypeConcurrency;
import io.ticketflow.worker.processing.WorkerIdentity;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Clock;
import java.time.Duration;

/**
 * Announces this worker on {@code worker-heartbeats} (key = its id): what it serves, how many tickets it runs and
 * its limit, every {@code ticketflow.worker.heartbeat.interval} from a Vert.x timer, so that nothing blocks; and a
 * tombstone once its tickets have drained on a clean shutdown, so that it leaves the dashboard at once. A heartbeat
 * that cannot be written (broker away) is dropped: the next one says the same, newer.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Duration TOMBSTONE_WAIT = Duration.ofSeconds(3);

    private final MutinyEmitter<Record<String, WorkerHeartbeat>> heartbeats;
    private final WorkerIdentity identity;
    private final HandlerRegistry handlers;
    private final TypeConcurrency concurrency;
    private final Duration interval;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private volatile long timer = -1;

    public Heartbeats(@Channel("heartbeats") @OnOverflow(OnOverflow.Strategy.DROP)
            MutinyEmitter<Record<String, WorkerHeartbeat>> heartbeats, WorkerIdentity identity,
            HandlerRegistry handlers, TypeConcurrency concurrency, HeartbeatConfig config, Vertx vertx) {
        this.heartbeats = heartbeats;
        this.identity = identity;
        this.handlers = handlers;
        this.concurrency = concurrency;
        this.interval = config.interval();
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        send();
        timer = vertx.setPeriodic(interval.toMillis(), id -> send());
    }

    /** After the tickets in flight have drained (InFlightTickets observes the same event at the default priority). */
    void onShutdown(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        vertx.cancelTimer(timer);
        write(null).await().atMost(TOMBSTONE_WAIT.plusSeconds(1));
    }

    WorkerHeartbeat current() {
        return new WorkerHeartbeat(identity.name(), handlers.types(), concurrency.running(), concurrency.limit(),
                clock.instant(), interval.toMillis());
    }

    private void send() {
        write(current()).subscribe().with(ignored -> { }, failure -> { });
    }

    private Uni<Void> write(WorkerHeartbeat heartbeat) {
        if (!heartbeats.hasRequests()) {
            return Uni.createFrom().voidItem();
        }
        return heartbeats.send(Record.of(identity.name(), heartbeat))
                .ifNoItem().after(TOMBSTONE_WAIT).fail()
                .onFailure().invoke(failure -> Log.debugf("Heartbeat not written: %s", failure))
                .onFailure().recoverWithNull();
    }
}
