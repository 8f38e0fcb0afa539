package io.ticketflow.producer.query;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketLifecycle;
import io.ticketflow.contract.TicketState;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.http.Problem;
import io.vertx.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

@Path("/tickets")
@Tag(name = "status")
public class StatusResource {

    /** The SSE event of a change that is only a newer progress report of the running attempt. */
    static final String PROGRESS_EVENT = "PROGRESS";

    private final TicketFinder finder;
    private final StatusConfig config;
    private final Callers callers;

    public StatusResource(TicketFinder finder, StatusConfig config, Callers callers) {
        this.finder = finder;
        this.config = config;
        this.callers = callers;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The decided state of a ticket; with wait (or Prefer: wait=N), answers as soon as it is finished")
    @APIResponse(responseCode = "200", description = "The ticket",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or another owner's (type unknown-ticket), or "
            + "it expired (type ticket-expired). An id with no decision yet is first waited for: "
            + "ticketflow.status.unknown-id-wait, unless this instance accepted the ticket (then 503, never 404)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "This instance cannot read ticket state yet, or it accepted "
            + "the ticket and the state machine has not decided it within ticketflow.submit.decision-timeout",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TicketView>> get(@RestPath String id, @RestQuery String wait,
            @RestHeader("Prefer") String prefer) {
        WaitRequest request = WaitRequest.parse(wait, prefer, config.maxWait());
        Executor requestThread = requestContext();
        return finder.find(id, callers.current())
                .chain(state -> request.waits()
                        ? finder.untilTerminal(state, request.duration()).emitOn(requestThread)
                        : Uni.createFrom().item(state))
                .map(TicketView::of)
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
    @Operation(summary = "The state of a ticket, then each change, as server-sent events named after the status; "
            + "a running ticket's progress report is a PROGRESS event")
    public Multi<OutboundSseEvent> events(@RestPath String id, @Context Sse sse) {
        Executor requestThread = requestContext();
        return Multi.createFrom().deferred(() -> {
            AtomicReference<TicketState> previous = new AtomicReference<>();
            return finder.changes(id)
                    .emitOn(requestThread)
                    .map(state -> sse.newEventBuilder()
                            .name(TicketLifecycle.isProgress(previous.getAndSet(state), state)
                                    ? PROGRESS_EVENT : state.status().name())
                            .id(Long.toString(state.revision()))
                            .data(TicketView.class, TicketView.of(state))
                            .build());
        });
    }

    /** Changes arrive on the view's thread; the response is written on the request's own event loop instead. */
    public static Executor requestContext() {
        io.vertx.core.Context context = Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }
}
