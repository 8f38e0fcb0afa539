package io.ticketflow.producer.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketIds;
import io.ticketflow.contract.TicketResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * Applies records of the {@code tickets} and {@code ticket-results} topics to the store and the idempotency index.
 * Every {@code tickets} record is a ticket, readable or not: one the worker cannot run is QUEUED here under the id
 * the worker derives for it, until the worker's FAILED {@code invalid_ticket} arrives. An unreadable result is
 * skipped.
 */
final class ViewUpdater {

    private final TicketStore store;
    private final IdempotencyIndex idempotency;
    private final ObjectMapper mapper;
    private final String ticketsTopic;

    ViewUpdater(TicketStore store, IdempotencyIndex idempotency, ObjectMapper mapper, String ticketsTopic) {
        this.store = store;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.ticketsTopic = ticketsTopic;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(ticketsTopic)) {
            applyTicket(record);
            return;
        }
        // Tombstones: compaction's way of forgetting a ticket; the view keeps what it saw.
        if (record.value() == null) {
            return;
        }
        try {
            applyResult(record);
        } catch (IOException e) {
            skipping(record, e);
        }
    }

    private void applyTicket(ConsumerRecord<String, byte[]> record) {
        TicketFields ticket = readTicket(record);
        String id = TicketIds.derive(ticket.id(), record.key(), record.topic(), record.partition(), record.offset());
        store.applyTicket(id, ticket);
        if (ticket.idempotencyKey() != null && ticket.requestHash() != null) {
            idempotency.record(ticket.idempotencyKey(), id, ticket.requestHash());
        }
    }

    private TicketFields readTicket(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return TicketFields.UNREADABLE;
        }
        try {
            TicketFields ticket = mapper.readValue(record.value(), TicketFields.class);
            return ticket != null ? ticket : TicketFields.UNREADABLE;
        } catch (IOException e) {
            skipping(record, e);
            return TicketFields.UNREADABLE;
        }
    }

    private void applyResult(ConsumerRecord<String, byte[]> record) throws IOException {
        TicketResult result = mapper.readValue(record.value(), TicketResult.class);
        if (result == null || result.status() == null) {
            return;
        }
        if (result.ticketId() == null || result.ticketId().isBlank()) {
            if (record.key() == null) {
                return;
            }
            result = result.withTicketId(record.key());
        }
        store.applyResult(result);
    }

    private static void skipping(ConsumerRecord<String, byte[]> record, IOException e) {
        Log.debugf("Unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                e.getMessage());
    }
}
