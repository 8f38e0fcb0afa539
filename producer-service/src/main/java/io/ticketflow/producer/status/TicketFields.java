package io.ticketflow.producer.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.ticketflow.contract.TicketRecord;

import java.time.Instant;

/**
 * What the status view keeps of a {@link TicketRecord}: everything but the payload, which it never shows and
 * which Jackson skips without building a tree for it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketFields(String id, String type, Instant submittedAt, Long timeoutMs, Integer maxAttempts,
        String callbackUrl) {

    public static TicketFields of(TicketRecord ticket) {
        return new TicketFields(ticket.id(), ticket.type(), ticket.submittedAt(), ticket.timeoutMs(),
                ticket.maxAttempts(), ticket.callbackUrl());
    }
}
