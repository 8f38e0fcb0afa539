package io.ticketflow.producer.status;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who waits for which ticket. Keyed by ticket id so that a change costs work only for the clients waiting on
 * that ticket, however many wait on others; an id leaves the map with its last listener, so nothing piles up.
 */
final class TicketListeners {

    private final ConcurrentHashMap<String, Set<Consumer<TicketView>>> byId = new ConcurrentHashMap<>();

    /** @return removes the listener; safe to call more than once */
    Runnable add(String id, Consumer<TicketView> listener) {
        byId.compute(id, (key, listeners) -> {
            Set<Consumer<TicketView>> set = listeners != null ? listeners : ConcurrentHashMap.newKeySet();
            set.add(listener);
            return set;
        });
        return () -> byId.computeIfPresent(id, (key, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    void notify(TicketView view) {
        Set<Consumer<TicketView>> listeners = byId.get(view.id());
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(view));
        }
    }

    boolean isWatched(String id) {
        return byId.containsKey(id);
    }
}
