package io.ticketflow.producer.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.ticketflow.contract.TicketRecord;

import java.time.Instant;

/**
 * What the status view keeps of a {@link TicketRecord}: everything but the payload, which it never shows and
 * which Jackson skips without building a tree for it.
 *
 * @param type           {@code null} when the record names none, or a blank one: the worker fails such a ticket
 * @param idempotencyKey with {@code requestHash}, feeds the {@link IdempotencyIndex}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketFields(String id, String type, Instant submittedAt, Long timeoutMs, Integer maxAttempts,
        String callbackUrl, String idempotencyKey, String requestHash) {

    /** A record that is no readable ticket: it is still a ticket, known by its key or offset, until it fails. */
    static final TicketFields UNREADABLE = new TicketFields(null, null, null, null, null, null, null, null);

    public TicketFields {
        if (type != null && type.isBlank()) {
            type = null;
        }
    }

    public static TicketFields of(TicketRecord ticket) {
        return new TicketFields(ticket.id(), ticket.type(), ticket.submittedAt(), ticket.timeoutMs(),
                ticket.maxAttempts(), ticket.callbackUrl(), ticket.idempotencyKey(), ticket.requestHash());
    }
}
