package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.kafka.KafkaWrites;
import io.ticketflow.producer.kafka.UnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes tickets to the {@code tickets} topic, keyed by id so that all records of a ticket share a partition. */
@ApplicationScoped
public class TicketPublisher {

    private final MutinyEmitter<TicketRecord> emitter;
    private final KafkaWrites writes;

    public TicketPublisher(@Channel("tickets-out") MutinyEmitter<TicketRecord> emitter, KafkaWrites writes) {
        this.emitter = emitter;
        this.writes = writes;
    }

    /**
     * @return completes once the broker acknowledged the ticket (acks=all); see {@link KafkaWrites#send}. A failure
     *         names the ticket id, since the record may still land.
     */
    public Uni<Void> publish(TicketRecord ticket) {
        return writes.send(emitter, ticket.id(), ticket, "ticket")
                .onFailure(UnavailableException.class).transform(failure ->
                        ((UnavailableException) failure).aboutTicket(ticket.id(), ticket.idempotencyKey()));
    }
}
