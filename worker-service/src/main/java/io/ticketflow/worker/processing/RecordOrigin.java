package io.ticketflow.worker.processing;

import io.ticketflow.contract.TicketIds;

/** Where a ticket record was read from: what its id is derived from when the value carries none. */
public record RecordOrigin(String key, String topic, int partition, long offset) {

    public String ticketId(String idField) {
        return TicketIds.derive(idField, key, topic, partition, offset);
    }
}
