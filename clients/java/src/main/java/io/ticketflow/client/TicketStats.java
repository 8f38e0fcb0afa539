package io.ticketflow.client;

import java.util.Map;

/** {@code GET /tickets/stats}: the tickets held, in total and by status then type. */
public record TicketStats(long total, Map<TicketStatus, Map<String, Long>> byStatus) {
}
