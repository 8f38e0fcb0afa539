package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code delay}: waits {@code payload.ms} milliseconds and returns {@code {"sleptMs": n}}, reporting how long it has
 * waited every {@code ticketflow.handlers.delay.progress-every}. The stand-in for slow I/O: the wait is a timer, so
 * thousands of delay tickets hold no thread.
 */
@ApplicationScoped
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
            long startedAt = System.nanoTime();
            Duration every = config.progressEvery();
            // Reports strictly before the end: the result is the last word.
            long reports = every.isZero() ? 0 : (ms - 1) / every.toMillis();
            Multi<Long> ticks = reports <= 0 ? Multi.createFrom().empty()
                    : Multi.createFrom().ticks().startingAfter(every).every(every).select().first(reports);
            return ticks
                    .onItem().invoke(tick -> {
                        long waited = Math.min(ms, elapsedMillis(startedAt));
                        progress.report(Math.toIntExact(waited * 100 / ms), "waited %d of %d ms".formatted(waited, ms));
                    })
                    .onItem().ignoreAsUni()
                    .chain(() -> sleep(ms - elapsedMillis(startedAt)))
                    .map(done -> JsonNodeFactory.instance.objectNode().put("sleptMs", ms));
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
