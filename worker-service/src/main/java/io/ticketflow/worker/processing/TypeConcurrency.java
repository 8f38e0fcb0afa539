package io.ticketflow.worker.processing;

import io.smallrye.mutiny.Uni;
import io.ticketflow.worker.handlers.InFlightLimits;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's slots ({@code ticketflow.worker.max-in-flight}) and those of each type with a limit of its own
 * ({@code ticketflow.handlers.<type>.max-in-flight}). A ticket takes its type's slot first, then one of the worker's,
 * so a ticket waiting for its type holds none of the worker's: while a slow type is at its limit, the other types
 * keep running. The pipeline admits up to {@link #pipelineCapacity()} tickets, running and waiting.
 */
@Singleton
public class TypeConcurrency implements InFlightLimits {

    private final int maxInFlight;
    private final Slots worker;
    private final Map<String, Slots> byType = new HashMap<>();

    public TypeConcurrency(WorkerConfig config, HandlerTypesConfig types) {
        this.maxInFlight = config.maxInFlight();
        this.worker = new Slots(maxInFlight);
        types.types().forEach((type, settings) -> settings.maxInFlight()
                .ifPresent(limit -> byType.put(type, new Slots(Math.min(limit, maxInFlight)))));
    }

    @Override
    public int maxInFlight(String type) {
        Slots slots = byType.get(type);
        return slots == null ? maxInFlight : slots.limit();
    }

    /** Tickets holding one of the worker's slots now: running. */
    public int running() {
        return worker.used();
    }

    /** The worker's own limit, {@code ticketflow.worker.max-in-flight}. */
    public int limit() {
        return maxInFlight;
    }

    /**
     * Tickets admitted at once: the running ones, plus as many again waiting for a slot of their type (only when some
     * type has a limit). Beyond it the tickets channel stops fetching.
     */
    public int pipelineCapacity() {
        return byType.isEmpty() ? maxInFlight : 2 * maxInFlight;
    }

    /** Completes once the ticket holds its slots; {@link #release} gives them back. */
    Uni<Void> acquire(String type) {
        Slots typeSlots = byType.get(type);
        Uni<Void> ofType = typeSlots == null ? Uni.createFrom().voidItem() : take(typeSlots);
        return ofType.chain(() -> take(worker)
                .onCancellation().invoke(() -> release(typeSlots)));
    }

    void release(String type) {
        worker.release();
        release(byType.get(type));
    }

    private static void release(Slots slots) {
        if (slots != null) {
            slots.release();
        }
    }

    private static Uni<Void> take(Slots slots) {
        CompletableFuture<Void> slot = slots.acquire();
        if (slot.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(slot)
                .onCancellation().invoke(() -> slots.abandon(slot));
    }
}
