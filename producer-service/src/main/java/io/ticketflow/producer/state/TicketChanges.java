package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The change feed of the read view: who waits for which ticket, woken by the view as it applies each decided state.
 * Keyed by ticket id, so a change costs work only for the clients waiting on that ticket; an id leaves the map with
 * its last listener, so nothing piles up.
 */
@ApplicationScoped
public class TicketChanges {

    private final ConcurrentHashMap<String, Set<Consumer<TicketChange>>> byId = new ConcurrentHashMap<>();
    private final Set<Consumer<TicketChange>> everyTicket = ConcurrentHashMap.newKeySet();

    /**
     * Calls the listener with every change of the ticket, on the view's thread; register before reading the current
     * state so that no change slips between the two.
     *
     * @return removes the listener; safe to call more than once
     */
    public Runnable watch(String id, Consumer<TicketChange> listener) {
        byId.compute(id, (key, listeners) -> {
            Set<Consumer<TicketChange>> set = listeners != null ? listeners : ConcurrentHashMap.newKeySet();
            set.add(listener);
            return set;
        });
        return () -> byId.computeIfPresent(id, (key, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    /**
     * Calls the listener with every change of every ticket, on the view's thread, each state without its result
     * (as listings show it); the listener must only hand it on, never block.
     *
     * @return removes the listener
     */
    public Runnable watchAll(Consumer<TicketChange> listener) {
        everyTicket.add(listener);
        return () -> everyTicket.remove(listener);
    }

    /** @param state the state as the indexes read it, without its result; null when the ticket expired */
    void applied(String id, TicketState state) {
        if (!everyTicket.isEmpty()) {
            TicketChange change = state == null ? new TicketChange.Expired(id) : new TicketChange.Decided(state);
            everyTicket.forEach(listener -> listener.accept(change));
        }
    }

    void changed(String id, TicketState state) {
        Set<Consumer<TicketChange>> listeners = byId.get(id);
        if (listeners != null) {
            TicketChange change = state == null ? new TicketChange.Expired(id) : new TicketChange.Decided(state);
            listeners.forEach(listener -> listener.accept(change));
        }
    }

    int watchedTickets() {
        return byId.size();
    }

    /** Whether anyone waits for this ticket: listeners must leave when their wait ends. */
    public boolean isWatched(String id) {
        return byId.containsKey(id);
    }
}
