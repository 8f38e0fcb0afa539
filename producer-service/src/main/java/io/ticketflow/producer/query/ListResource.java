package io.ticketflow.producer.query;

import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.http.InvalidFieldException;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.state.TicketPage;
import io.ticketflow.producer.state.TicketStates;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

@Path("/tickets")
@Tag(name = "list")
public class ListResource {

    private static final int DEFAULT_LIMIT = 50;

    private final TicketStates states;
    private final StatusConfig config;
    private final Callers callers;

    public ListResource(TicketStates states, StatusConfig config, Callers callers) {
        this.states = states;
        this.config = config;
        this.callers = callers;
    }

    /** @param next the cursor of the following page, absent on the last page */
    public record Page(List<TicketView> tickets, String next) {
    }

    /** @param byStatus ticket counts by status, then by type ({@code ""} for unreadable tickets) */
    public record Stats(long total, Map<TicketStatus, Map<String, Long>> byStatus) {

        public static Stats of(Map<TicketStatus, Map<String, Long>> byStatus) {
            return new Stats(byStatus.values().stream().flatMap(byType -> byType.values().stream())
                    .mapToLong(Long::longValue).sum(), byStatus);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tickets held, newest first, filtered, one page at a time",
            description = "Served from index stores: a page costs its own size whatever the number of tickets held. "
                    + "The caller's own tickets only; an admin's, every ticket. Each ticket is as GET /tickets/{id} shows it, without its result: GET the ticket for that.")
    @APIResponse(responseCode = "200", description = "A page; pass its next as cursor for the following one",
            content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(
            @Parameter(description = "Only tickets in this status") @RestQuery String status,
            @Parameter(description = "Only tickets of this type") @RestQuery String type,
            @Parameter(description = "Only tickets submitted after this ISO-8601 instant") @RestQuery String submittedAfter,
            @Parameter(description = "Page size, 1 to ticketflow.status.max-page-size (500); default 50") @RestQuery String limit,
            @Parameter(description = "The next of the previous page") @RestQuery String cursor) {
        TicketPage page = states.list(callers.current().listingScope(), status(status), blankToNull(type),
                instant(submittedAfter), limit(limit), position(cursor));
        return new Page(page.tickets().stream().map(TicketView::of).toList(),
                page.next() == null ? null : Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.next().getBytes(StandardCharsets.UTF_8)));
    }

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many tickets are held, by status and type",
            description = "Counters kept as each decision is applied, never a scan of the tickets. The caller's own "
                    + "tickets only; an admin's, every ticket.")
    public Stats stats() {
        return Stats.of(states.counts(callers.current().listingScope()));
    }

    private static TicketStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TicketStatus.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of " + List.of(TicketStatus.values()));
        }
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("submittedAfter", "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return Math.min(DEFAULT_LIMIT, config.maxPageSize());
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to " + config.maxPageSize());
    }

    private static String position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (position.matches("\\d{19}/.+")) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidFieldException("cursor", "is not a cursor this service gave out");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
