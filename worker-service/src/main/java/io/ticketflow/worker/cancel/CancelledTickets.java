package io.ticketflow.worker.cancel;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of cancelled tickets, each until it expires, at most {@code maxSize} of them (the oldest are forgotten
 * first). Commands arrive roughly in the order they expire, so expired ones are purged from the oldest end.
 */
final class CancelledTickets {

    private final Map<String, Instant> expiries;

    CancelledTickets(int maxSize) {
        this.expiries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > maxSize;
            }
        };
    }

    synchronized void add(String ticketId, Instant expiresAt, Instant now) {
        purge(now);
        expiries.remove(ticketId);
        expiries.put(ticketId, expiresAt);
    }

    synchronized boolean contains(String ticketId, Instant now) {
        Instant expiresAt = expiries.get(ticketId);
        return expiresAt != null && expiresAt.isAfter(now);
    }

    synchronized int size() {
        return expiries.size();
    }

    private void purge(Instant now) {
        Iterator<Instant> oldestFirst = expiries.values().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().isAfter(now)) {
            oldestFirst.remove();
        }
    }
}
