package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes tickets to the {@code tickets} topic, keyed by id so that all records of a ticket share a partition. */
@ApplicationScoped
public class TicketPublisher {

    private final MutinyEmitter<TicketRecord> emitter;

    public TicketPublisher(@Channel("tickets-out") MutinyEmitter<TicketRecord> emitter) {
        this.emitter = emitter;
    }

    /**
     * @return completes when the broker acknowledged the record (acks=all); fails, rather than throws, when the
     *         emitter cannot take it (overflow, channel down). Nothing is sent before subscription.
     */
    public Uni<Void> publish(TicketRecord ticket) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ticket.id())
                .build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(ticket).addMetadata(key)));
    }
}
