package io.ticketflow.producer.query;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 404 for an unknown ticket before a stream starts: an event stream sends its 200 and headers as soon
 * as the resource method returns, too early for the stream itself to report a missing ticket.
 */
public class KnownTicketFilter {

    private final TicketFinder finder;

    public KnownTicketFilter(TicketFinder finder) {
        this.finder = finder;
    }

    @KnownTicket
    @ServerRequestFilter
    Uni<Void> requireKnownTicket(UriInfo uri) {
        return finder.find(uri.getPathParameters().getFirst("id")).replaceWithVoid();
    }
}
