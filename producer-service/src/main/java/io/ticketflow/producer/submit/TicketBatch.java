package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The tickets of one batch request: collected while its items are read, then written in one go
 * ({@link TicketPublisher#publishAll}), so that a thousand tickets cost one round of acknowledgements, not a
 * thousand. Not thread-safe: one request fills and sends it.
 */
public final class TicketBatch {

    private final TicketPublisher publisher;
    private final List<TicketRecord> tickets = new ArrayList<>();
    private List<Uni<Void>> acks;

    public TicketBatch(TicketPublisher publisher) {
        this.publisher = publisher;
    }

    /** @return the ticket's acknowledgement, to be subscribed to after {@link #send()} */
    Uni<Void> add(TicketRecord ticket) {
        int index = tickets.size();
        tickets.add(ticket);
        return Uni.createFrom().deferred(() -> {
            if (acks == null) {
                throw new IllegalStateException("a batch's acknowledgements are awaited only once it was sent");
            }
            return acks.get(index);
        });
    }

    /** Sends every ticket added; each one's acknowledgement completes its Uni. */
    public void send() {
        acks = tickets.isEmpty() ? List.of() : publisher.publishAll(List.copyOf(tickets));
    }
}
