package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.status.TicketFields;
import io.ticketflow.producer.status.TicketStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes tickets to the {@code tickets} topic, keyed by id so that all records of a ticket share a partition. */
@ApplicationScoped
public class TicketPublisher {

    private final MutinyEmitter<TicketRecord> emitter;
    private final KafkaWrites writes;
    private final TicketStore store;

    public TicketPublisher(@Channel("tickets-out") MutinyEmitter<TicketRecord> emitter, KafkaWrites writes,
            TicketStore store) {
        this.emitter = emitter;
        this.writes = writes;
        this.store = store;
    }

    /** @return completes once the broker acknowledged the ticket (acks=all); see {@link KafkaWrites#send} */
    public Uni<Void> publish(TicketRecord ticket) {
        return writes.send(emitter, ticket.id(), ticket, "ticket")
                // Read-your-writes: a GET on this instance finds the ticket even before the view reads it back.
                .invoke(() -> store.applyTicket(ticket.id(), TicketFields.of(ticket)));
    }
}
