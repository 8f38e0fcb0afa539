package io.ticketflow.producer.status;

import io.ticketflow.contract.TicketResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The materialized status of every ticket this instance has seen, and the listeners waiting for changes.
 * Written by the view thread and, right after a submission is acknowledged, by the request that submitted it.
 */
@ApplicationScoped
public class TicketStore {

    private final ConcurrentHashMap<String, TicketView> views = new ConcurrentHashMap<>();
    private final TicketListeners listeners = new TicketListeners();

    /** @return the known state, or {@code null} */
    public TicketView get(String id) {
        return views.get(id);
    }

    public void applyTicket(String id, TicketFields ticket) {
        update(id, known -> known == null ? TicketView.queued(id, ticket) : known.withTicket(ticket));
    }

    public void applyResult(TicketResult result) {
        update(result.ticketId(), known -> known == null ? TicketView.fromResult(result) : known.withResult(result));
    }

    /**
     * Calls the listener with every new state of the ticket, on the thread that applied it; register before
     * reading the current state so that no change slips between the two.
     *
     * @return stops the calls
     */
    public Runnable watch(String id, Consumer<TicketView> listener) {
        return listeners.add(id, listener);
    }

    public int size() {
        return views.size();
    }

    /** Whether anyone waits for this ticket: listeners must leave when their wait ends. */
    boolean isWatched(String id) {
        return listeners.isWatched(id);
    }

    private void update(String id, UnaryOperator<TicketView> change) {
        TicketView[] before = new TicketView[1];
        TicketView after = views.compute(id, (key, known) -> {
            before[0] = known;
            return change.apply(known);
        });
        if (after != before[0]) {
            listeners.notify(after);
        }
    }
}
