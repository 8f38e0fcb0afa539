package io.ticketflow.worker.processing;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Instant;

/**
 * The worker's pipeline: tickets in, results out, up to {@code ticketflow.worker.max-in-flight} tickets at once on
 * the event loop.
 *
 * <p>Per ticket it writes RUNNING, then the terminal result. Only the terminal message carries the ticket's ack, so
 * the offset is committed once the outcome is durably on ticket-results (acks=all); a crash before that redelivers
 * the ticket. Both go through the one outgoing channel, hence one producer, so RUNNING precedes the terminal result
 * on the key's partition. A record that is no ticket fails at once and its ack becomes a nack, which the channel's
 * dead-letter strategy turns into a copy on the dead-letter topic before committing.
 */
@ApplicationScoped
public class TicketProcessor {

    private final TicketDecoder decoder;
    private final TicketRunner runner;
    private final WorkerConfig config;

    public TicketProcessor(TicketDecoder decoder, TicketRunner runner, WorkerConfig config) {
        this.decoder = decoder;
        this.runner = runner;
        this.config = config;
    }

    @Incoming("tickets")
    @Outgoing("ticket-results")
    public Multi<Message<TicketResult>> process(Multi<Message<byte[]>> tickets) {
        return tickets.onItem().transformToMulti(this::process).merge(config.maxInFlight());
    }

    private Multi<Message<TicketResult>> process(Message<byte[]> incoming) {
        return switch (decoder.decode(incoming.getPayload(), origin(incoming))) {
            case DecodedTicket.Valid valid -> run(incoming, valid.ticket());
            case DecodedTicket.Invalid invalid -> Multi.createFrom().item(() -> reject(incoming, invalid));
        };
    }

    private Multi<Message<TicketResult>> run(Message<byte[]> incoming, TicketRecord ticket) {
        return Multi.createFrom().deferred(() -> {
            Instant startedAt = Instant.now();
            Message<TicketResult> running = keyed(Message.of(runner.running(ticket, startedAt)));
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(running),
                    runner.run(ticket, startedAt).map(result -> keyed(incoming.withPayload(result))).toMulti());
        });
    }

    private Message<TicketResult> reject(Message<byte[]> incoming, DecodedTicket.Invalid invalid) {
        InvalidTicketException reason = new InvalidTicketException(invalid.reason());
        return keyed(incoming.withPayload(runner.rejected(invalid.ticketId(), invalid.reason())))
                .withAck(() -> incoming.nack(reason));
    }

    /**
     * Replaces the incoming record's metadata, so that nothing of the ticket record (its headers, a reply-topic
     * header) steers where the result is written; the ack and nack stay those of the ticket record.
     */
    private static Message<TicketResult> keyed(Message<TicketResult> message) {
        return message.withMetadata(Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.getPayload().ticketId())
                .build()));
    }

    @SuppressWarnings("unchecked")
    private static RecordOrigin origin(Message<byte[]> incoming) {
        IncomingKafkaRecordMetadata<String, byte[]> record = incoming.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("the tickets channel must be a Kafka channel"));
        return new RecordOrigin(record.getKey(), record.getTopic(), record.getPartition(), record.getOffset());
    }
}
