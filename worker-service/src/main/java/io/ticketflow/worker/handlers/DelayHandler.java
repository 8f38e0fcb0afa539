package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.ticketflow.contract.TicketRecord;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code delay}: waits {@code payload.ms} milliseconds and returns {@code {"sleptMs": n}}, reporting how long it has
 * waited every {@code ticketflow.handlers.delay.progress-every}. The stand-in for slow I/O: the wait is a timer, so
 * thousands of delay tickets hold no thread.
 */
@Singleton
public class DelayHandler implements TicketHandler {

    private final DelayConfig config;

    public DelayHandler(DelayConfig config) {
        this.config = config;
    }

    @Override
    public String type() {
        return "delay";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return handle(ticket, Progress.IGNORED);
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket, Progress progress) {
        return Uni.createFrom().item(() -> millis(ticket.payload())).chain(ms -> {
            Uni<JsonNode> done = sleep(ms).map(ignored -> JsonNodeFactory.instance.objectNode().put("sleptMs", ms));
            Duration every = config.progressEvery();
            if (every.isZero() || every.toMillis() >= ms) {
                return done;
            }
            // The wait is one timer, and the reports ride beside it: a tick that comes late on a busy machine
            // neither lengthens the wait nor reports past its end. Reports come strictly before the end, since the
            // result is the last word.
            long startedAt = System.nanoTime();
            AtomicBoolean over = new AtomicBoolean();
            Cancellable reports = Multi.createFrom().ticks().startingAfter(every).every(every)
                    .select().first((ms - 1) / every.toMillis())
                    .subscribe().with(tick -> {
                        long waited = Math.min(ms - 1, elapsedMillis(startedAt));
                        if (!over.get()) {
                            // Concatenated, not formatted: a java.util.Formatter per tick was 5 % of the event
                            // loop in S6 (20,000 delay tickets in flight).
                            progress.report(Math.toIntExact(waited * 100 / ms), "waited " + waited + " of " + ms + " ms");
                        }
                    });
            return done.onTermination().invoke(() -> {
                over.set(true);
                reports.cancel();
            });
        });
    }

    @Override
    public Optional<Duration> defaultTimeout() {
        return config.defaultTimeout();
    }

    static long millis(JsonNode payload) {
        JsonNode ms = payload == null ? null : payload.get("ms");
        if (ms == null || !ms.isIntegralNumber() || !ms.canConvertToLong() || ms.longValue() < 0) {
            throw TicketFailure.invalidPayload("delay needs a payload {\"ms\": <integer >= 0>}");
        }
        return ms.longValue();
    }

    private static long elapsedMillis(long startedAt) {
        return Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
    }

    /** Mutiny's delay refuses a zero wait. */
    private static Uni<Void> sleep(long ms) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return ms <= 0 ? now : now.onItem().delayIt().by(Duration.ofMillis(ms));
    }
}
