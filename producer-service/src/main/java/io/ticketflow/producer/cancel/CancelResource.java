package io.ticketflow.producer.cancel;

import io.smallrye.mutiny.Uni;
import io.ticketflow.producer.problem.Problem;
import io.ticketflow.producer.status.TicketLookup;
import io.ticketflow.producer.status.TicketView;
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

    private final TicketLookup lookup;
    private final TicketCanceller canceller;

    public CancelResource(TicketLookup lookup, TicketCanceller canceller) {
        this.lookup = lookup;
        this.canceller = canceller;
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a ticket; 202 once Kafka has stored the cancellation",
            description = "A QUEUED or RETRYING ticket is CANCELLED at once and never runs (again). A RUNNING "
                    + "ticket's handler is cancelled by its worker, which then reports CANCELLED: follow the "
                    + "ticket to see it. Works whichever instance accepted the ticket.")
    @APIResponse(responseCode = "202", description = "The cancellation is stored; the ticket as it is now",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket already finished; the detail names its status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not store the cancellation in time",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TicketView>> cancel(@RestPath String id) {
        return lookup.find(id)
                .chain(canceller::cancel)
                .map(view -> RestResponse.ResponseBuilder.accepted(view)
                        .header(HttpHeaders.LOCATION, SubmitAccepted.location(id))
                        .build());
    }
}
