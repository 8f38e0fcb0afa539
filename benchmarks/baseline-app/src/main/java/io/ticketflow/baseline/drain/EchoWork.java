package io.ticketflow.baseline.drain;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What the S1 baselines do with a record, as the harness' plain consume→produce loop does it: read the ticket with
 * the contract's JSON, write its SUCCEEDED result's JSON. Bytes in and out, so that the framework's serde support
 * adds nothing the loop does not do.
 */
final class EchoWork {

    private static final ObjectReader TICKETS = TicketJson.mapper().readerFor(TicketRecord.class);
    private static final ObjectWriter RESULTS = TicketJson.mapper().writer();

    private EchoWork() {
    }

    /** The result's JSON, keyed (in the record the caller writes) by the ticket's id. */
    static Echoed perform(ConsumerRecord<String, byte[]> record, String worker) {
        Instant startedAt = Instant.now();
        try {
            TicketRecord ticket = TICKETS.readValue(record.value());
            TicketResult result = TicketResult.succeeded(ticket.id(), 1, ticket.payload(), startedAt, Instant.now(),
                    worker);
            return new Echoed(ticket.id(), RESULTS.writeValueAsBytes(result));
        } catch (IOException e) {
            throw new UncheckedIOException("not a ticket: " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    record Echoed(String id, byte[] json) {
    }
}
