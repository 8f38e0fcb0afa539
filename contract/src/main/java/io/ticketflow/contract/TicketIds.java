package io.ticketflow.contract;

/**
 * Derives the id of a ticket record deterministically, so that a redelivered record gets the same id: the
 * {@code id} field when present, else the record key, else {@code topic-partition-offset}.
 */
public final class TicketIds {

    private TicketIds() {
    }

    public static String derive(String idField, String key, String topic, int partition, long offset) {
        if (idField != null && !idField.isBlank()) {
            return idField;
        }
        if (key != null && !key.isBlank()) {
            return key;
        }
        return topic + "-" + partition + "-" + offset;
    }
}
