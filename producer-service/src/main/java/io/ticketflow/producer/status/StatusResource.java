package io.ticketflow.producer.status;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.concurrent.Executor;

@Path("/tickets")
@Tag(name = "status")
public class StatusResource {

    private final TicketLookup lookup;
    private final TicketWatch watch;
    private final StatusConfig config;

    public StatusResource(TicketLookup lookup, TicketWatch watch, StatusConfig config) {
        this.lookup = lookup;
        this.watch = watch;
        this.config = config;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The state of a ticket; with wait (or Prefer: wait=N), answers as soon as it is finished")
    public Uni<RestResponse<TicketView>> get(@RestPath String id, @RestQuery String wait,
            @RestHeader("Prefer") String prefer) {
        WaitRequest request = WaitRequest.parse(wait, prefer, config.maxWait());
        Executor requestThread = requestContext();
        return lookup.find(id)
                .chain(view -> view.isTerminal() || !request.waits()
                        ? Uni.createFrom().item(view)
                        : watch.untilTerminal(id, request.duration()).emitOn(requestThread))
                .map(view -> request.fromPrefer()
                        ? RestResponse.ResponseBuilder.ok(view)
                                .header("Preference-Applied", request.preferenceApplied())
                                .build()
                        : RestResponse.ok(view));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @KnownTicket
    @Operation(summary = "The state of a ticket, then each change, as server-sent events named after the status")
    public Multi<OutboundSseEvent> events(@RestPath String id, @Context Sse sse) {
        return watch.changes(id)
                .emitOn(requestContext())
                .map(view -> sse.newEventBuilder()
                        .name(view.status().name())
                        .data(TicketView.class, view)
                        .build());
    }

    /** Changes arrive on the view's thread; the response is written on the request's own event loop instead. */
    private static Executor requestContext() {
        io.vertx.core.Context context = Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }
}
