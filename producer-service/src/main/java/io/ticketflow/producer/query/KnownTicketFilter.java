package io.ticketflow.producer.query;

import io.smallrye.mutiny.Uni;
import io.ticketflow.producer.auth.Callers;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 404 for an unknown ticket before a stream starts: an event stream sends its 200 and headers as soon
 * as the resource method returns, too early for the stream itself to report a missing ticket (or another owner's).
 */
public class KnownTicketFilter {

    private final TicketFinder finder;
    private final Callers callers;

    public KnownTicketFilter(TicketFinder finder, Callers callers) {
        this.finder = finder;
        this.callers = callers;
    }

    @KnownTicket
    @ServerRequestFilter
    Uni<Void> requireKnownTicket(UriInfo uri) {
        return finder.find(uri.getPathParameters().getFirst("id"), callers.current()).replaceWithVoid();
    }
}
