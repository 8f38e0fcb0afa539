package io.ticketflow.producer.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketIds;
import io.ticketflow.contract.TicketResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * Applies records of the {@code tickets} and {@code ticket-results} topics to the store. A record it cannot read
 * is skipped: for an unreadable ticket the worker publishes a FAILED result, which creates the entry.
 */
final class ViewUpdater {

    private final TicketStore store;
    private final ObjectMapper mapper;
    private final String ticketsTopic;

    ViewUpdater(TicketStore store, ObjectMapper mapper, String ticketsTopic) {
        this.store = store;
        this.mapper = mapper;
        this.ticketsTopic = ticketsTopic;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        // Tombstones: compaction's way of forgetting a ticket; the view keeps what it saw.
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(ticketsTopic)) {
                applyTicket(record);
            } else {
                applyResult(record);
            }
        } catch (IOException e) {
            Log.debugf("Skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void applyTicket(ConsumerRecord<String, byte[]> record) throws IOException {
        TicketFields ticket = mapper.readValue(record.value(), TicketFields.class);
        if (ticket == null || ticket.type() == null || ticket.type().isBlank()) {
            return;
        }
        String id = TicketIds.derive(ticket.id(), record.key(), record.topic(), record.partition(), record.offset());
        store.applyTicket(id, ticket);
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
}
