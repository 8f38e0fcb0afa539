package io.ticketflow.producer.dashboard;

import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.state.TicketChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one dashboard client not sent yet: the newest per ticket, at most {@code max} tickets; past that,
 * only the fact that it must resync. Filled on the view's thread, drained on the client's timer.
 */
final class PendingChanges {

    private final int max;
    private final Map<String, TicketChange> byId = new LinkedHashMap<>();
    private boolean overflowed;

    PendingChanges(int max) {
        this.max = max;
    }

    synchronized void add(TicketChange change) {
        if (overflowed) {
            return;
        }
        byId.put(change.id(), change);
        if (byId.size() > max) {
            byId.clear();
            overflowed = true;
        }
    }

    /** @return what to send, or null when nothing changed */
    synchronized DashboardFeed.TicketsChanged drain() {
        if (byId.isEmpty() && !overflowed) {
            return null;
        }
        List<TicketView> tickets = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        byId.values().forEach(change -> {
            switch (change) {
                case TicketChange.Decided decided -> tickets.add(TicketView.of(decided.state()));
                case TicketChange.Expired gone -> expired.add(gone.id());
            }
        });
        DashboardFeed.TicketsChanged changed = new DashboardFeed.TicketsChanged(tickets, expired, overflowed);
        byId.clear();
        overflowed = false;
        return changed;
    }
}
