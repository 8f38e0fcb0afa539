package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.kafka.KafkaWrites;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.query.AcceptedHere;
import io.ticketflow.topics.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes tickets to the topic of their priority ({@code tickets} for normal, {@code tickets-high},
 * {@code tickets-low}), keyed by id so that all records of a ticket share a partition.
 */
@ApplicationScoped
public class TicketPublisher {

    private static final String CHANNEL = "tickets-out";

    private final MutinyEmitter<TicketRecord> emitter;
    private final KafkaClientService clients;
    private final TopicsConfig topics;
    private final KafkaWrites writes;
    private final AcceptedHere acceptedHere;

    public TicketPublisher(@Channel(CHANNEL) MutinyEmitter<TicketRecord> emitter, KafkaClientService clients,
            TopicsConfig topics, KafkaWrites writes, AcceptedHere acceptedHere) {
        this.emitter = emitter;
        this.clients = clients;
        this.topics = topics;
        this.writes = writes;
        this.acceptedHere = acceptedHere;
    }

    /**
     * @return completes once the broker acknowledged the ticket (acks=all), which this instance then remembers as
     *         accepted here ({@link AcceptedHere}); see {@link KafkaWrites#send}. A failure names the ticket id,
     *         since the record may still land.
     */
    public Uni<Void> publish(TicketRecord ticket) {
        return outcome(writes.send(emitter, topics.tickets(ticket.priority()).name(), ticket.id(), ticket, "ticket"),
                ticket);
    }

    /**
     * Several tickets through the channel's own producer (same settings, same idempotent session), all sent before
     * any acknowledgement is awaited: see {@link KafkaWrites#sendAll}. The emitter would take them one message at a
     * time, through a buffer that a batch of a thousand overflows.
     *
     * @return one outcome per ticket, in order, as {@link #publish} reports it
     */
    public List<Uni<Void>> publishAll(List<TicketRecord> tickets) {
        List<ProducerRecord<String, TicketRecord>> records = tickets.stream()
                .map(ticket -> new ProducerRecord<>(topics.tickets(ticket.priority()).name(), ticket.id(), ticket))
                .toList();
        List<Uni<Void>> acks = writes.sendAll(clients.<String, TicketRecord>getProducer(CHANNEL), records, "ticket");
        return IntStream.range(0, tickets.size()).mapToObj(i -> outcome(acks.get(i), tickets.get(i))).toList();
    }

    private Uni<Void> outcome(Uni<Void> ack, TicketRecord ticket) {
        return ack.invoke(() -> acceptedHere.remember(ticket))
                .onFailure(UnavailableException.class).transform(failure ->
                        ((UnavailableException) failure).aboutTicket(ticket.id(), ticket.idempotencyKey()));
    }
}
