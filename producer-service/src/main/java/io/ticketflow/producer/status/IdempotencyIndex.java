package io.ticketflow.producer.status;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which ticket each {@code Idempotency-Key} created, as the {@code tickets} topic tells it. Fed only by the view
 * thread, in topic order, so every instance (and every restart) agrees: the first record with a key wins.
 */
@ApplicationScoped
public class IdempotencyIndex {

    private final ConcurrentHashMap<String, KeyedTicket> byKey = new ConcurrentHashMap<>();

    /** The ticket a key created, and the digest of the request that created it. */
    public record KeyedTicket(String ticketId, String requestHash) {
    }

    /** @return the ticket created with this key, or {@code null} */
    public KeyedTicket get(String idempotencyKey) {
        return byKey.get(idempotencyKey);
    }

    void record(String idempotencyKey, String ticketId, String requestHash) {
        byKey.putIfAbsent(idempotencyKey, new KeyedTicket(ticketId, requestHash));
    }

    int size() {
        return byKey.size();
    }
}
