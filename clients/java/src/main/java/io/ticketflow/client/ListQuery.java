package io.ticketflow.client;

import java.time.Instant;

/**
 * Filters of {@code GET /tickets}; {@code null} means any.
 *
 * @param pageSize tickets per request, 1 to the server's {@code max-page-size} (500); its default (50) when null
 */
public record ListQuery(TicketStatus status, String type, Instant submittedAfter, Integer pageSize) {

    public static ListQuery all() {
        return new ListQuery(null, null, null, null);
    }

    public ListQuery withStatus(TicketStatus only) {
        return new ListQuery(only, type, submittedAfter, pageSize);
    }

    public ListQuery withType(String only) {
        return new ListQuery(status, only, submittedAfter, pageSize);
    }

    public ListQuery withSubmittedAfter(Instant after) {
        return new ListQuery(status, type, after, pageSize);
    }

    public ListQuery withPageSize(int size) {
        return new ListQuery(status, type, submittedAfter, size);
    }
}
