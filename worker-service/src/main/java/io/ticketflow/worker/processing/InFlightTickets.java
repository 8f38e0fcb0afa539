package io.ticketflow.worker.processing;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tickets this worker has started and not yet settled (last result written, record acked or dead-lettered), for
 * a graceful shutdown. On shutdown no further ticket starts, and the ones in flight get up to
 * {@code ticketflow.worker.shutdown-grace} to settle. Only then does the Kafka connector close its channels (it
 * observes a later event, {@code @BeforeDestroyed(ApplicationScoped.class)}), committing what was acked. A ticket
 * that did not settle stays uncommitted and is redelivered to the next worker of the partition.
 */
@Singleton
public class InFlightTickets {

    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final Duration grace;
    private volatile boolean draining;

    public InFlightTickets(WorkerConfig config) {
        this.grace = config.shutdownGrace();
    }

    /** @return whether the ticket may start; once shutdown has begun it may not, and stays unacked */
    public boolean tryStart() {
        count.incrementAndGet();
        if (draining) {
            settled();
            return false;
        }
        return true;
    }

    public void settled() {
        if (count.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    int count() {
        return count.get();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        drain(grace);
    }

    /** Blocks the calling (shutdown) thread. @return whether every ticket in flight settled in time */
    boolean drain(Duration timeout) {
        draining = true;
        if (count.get() == 0) {
            drained.complete(null);
        }
        Log.infof("Shutting down: no new tickets start; waiting up to %s for %d in flight", timeout, count.get());
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Log.info("Every ticket in flight has settled");
            return true;
        } catch (TimeoutException e) {
            Log.warnf("%d tickets did not settle within %s: uncommitted, they will run again on another worker",
                    count.get(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("drained never fails", e);
        }
        return false;
    }
}
