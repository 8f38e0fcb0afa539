package io.ticketflow.producer.cancel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.query.TicketFinder;
import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.submit.SubmitAccepted;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tickets")
@Tag(name = "cancel")
public class CancelResource {

    private final TicketFinder finder;
    private final TicketCanceller canceller;
    private final Callers callers;
    private final MeterRegistry registry;

    public CancelResource(TicketFinder finder, TicketCanceller canceller, Callers callers, MeterRegistry registry) {
        this.finder = finder;
        this.canceller = canceller;
        this.callers = callers;
        this.registry = registry;
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a ticket; 202 once the state machine decided it CANCELLED",
            description = "The state machine decides: a ticket not yet finished is CANCELLED, and whatever its worker "
                    + "reports afterwards is ignored (a RUNNING handler is stopped by its worker; one that had already "
                    + "done its I/O may have had its effect). A ticket some other event finished first: 409. Works "
                    + "whichever instance accepted the ticket.")
    @APIResponse(responseCode = "202", description = "Decided CANCELLED by this request",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket, or another owner's (only admin may cancel "
            + "those). An id with no decision yet is first waited for: ticketflow.status.unknown-id-wait, unless this "
            + "instance accepted the ticket (then 503, never 404)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket was, or got, finished otherwise (or cancelled by an "
            + "earlier request); the detail names its status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not store the cancellation, or it was not decided, "
            + "in time; or this instance accepted the ticket but has not decided it yet (retry: nothing was cancelled)",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TicketView>> cancel(@RestPath String id) {
        return finder.find(id, callers.current())
                .chain(canceller::cancel)
                .onItem().invoke(() -> count("cancelled"))
                .onFailure(AlreadyFinishedException.class).invoke(() -> count("already_finished"))
                .map(cancelled -> RestResponse.ResponseBuilder.accepted(TicketView.of(cancelled))
                        .header(HttpHeaders.LOCATION, SubmitAccepted.location(id))
                        .build());
    }

    private void count(String outcome) {
        Counter.builder("ticketflow.cancels")
                .description("Cancel requests, per outcome: cancelled (202) or already_finished (409)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
