package io.ticketflow.producer.dashboard;

import io.smallrye.mutiny.Multi;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.query.ListResource;
import io.ticketflow.producer.state.TicketChange;
import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.state.RecentActivity;
import io.ticketflow.producer.state.TicketChanges;
import io.ticketflow.producer.state.TicketStates;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The dashboard's live stream. Each client gets, every {@code ticketflow.dashboard.flush-interval}, the tickets that
 * changed since its last send (each ticket's newest state only) and the {@link Summary} when it changed. Bounded
 * for a slow client: a send it cannot take yet is skipped (the tick is dropped, changes keep coalescing per ticket),
 * and past {@code max-pending-changes} tickets it is told to resync instead, so no client holds more than that.
 */
@ApplicationScoped
public class DashboardFeed {

    /** A server-sent event: its name and its JSON data. */
    public record Event(String name, Object data) {
    }

    /**
     * @param tickets tickets that changed, newest state each, without results
     * @param expired ids of tickets that expired
     * @param resync  more changed than the client was sent: it should read the tickets again
     */
    public record TicketsChanged(List<TicketView> tickets, List<String> expired, boolean resync) {
    }

    private final TicketChanges changes;
    private final TicketStates states;
    private final RecentActivity activity;
    private final WorkerDirectory workers;
    private final DashboardConfig config;

    public DashboardFeed(TicketChanges changes, TicketStates states, RecentActivity activity, WorkerDirectory workers,
            DashboardConfig config) {
        this.changes = changes;
        this.states = states;
        this.activity = activity;
        this.workers = workers;
        this.config = config;
    }

    /** @param caller counts of the tickets this caller sees (all of them for an admin) */
    public Summary summary(Caller caller) {
        return new Summary(ListResource.Stats.of(states.counts(caller.listingScope())), activity.window(),
                workers.alive());
    }

    /** One client's stream: the summary at once, then what changed, every flush interval. */
    public Multi<Event> stream(Caller caller) {
        PendingChanges pending = new PendingChanges(config.maxPendingChanges());
        Consumer<TicketChange> seen = change -> {
            // Another owner's ticket is not even named to this caller (it answers 404 for it too).
            if (!(change instanceof TicketChange.Decided decided) || caller.sees(decided.state().owner())) {
                pending.add(change);
            }
        };
        AtomicReference<Runnable> stop = new AtomicReference<>(() -> { });
        AtomicReference<Summary> sent = new AtomicReference<>();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.flushInterval())
                .onOverflow().drop()
                .onSubscription().invoke(() -> stop.set(changes.watchAll(seen)))
                .onTermination().invoke(() -> stop.get().run())
                .concatMap(tick -> {
                    List<Event> events = new ArrayList<>(2);
                    TicketsChanged changed = pending.drain();
                    if (changed != null) {
                        events.add(new Event("tickets", changed));
                    }
                    Summary summary = summary(caller);
                    if (!summary.equals(sent.getAndSet(summary))) {
                        events.add(new Event("summary", summary));
                    }
                    return Multi.createFrom().iterable(events);
                });
    }
}
