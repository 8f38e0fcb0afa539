package io.ticketflow.producer.submit;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.status.TicketFields;
import io.ticketflow.producer.status.TicketStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.UUID;

@Path("/tickets")
@Tag(name = "submit")
public class SubmitResource {

    private final TicketPublisher publisher;
    private final TicketStore store;
    private final SubmitConfig config;

    public SubmitResource(TicketPublisher publisher, TicketStore store, SubmitConfig config) {
        this.publisher = publisher;
        this.store = store;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJsonTypes.class)
    @Operation(summary = "Submit a ticket; 202 once Kafka has stored it, 503 with Retry-After when it could not")
    public Uni<RestResponse<SubmitAccepted>> submit(@Valid @NotNull SubmitRequest request) {
        TicketRecord ticket = request.toTicket(UUID.randomUUID().toString(), Instant.now());
        return publisher.publish(ticket)
                .ifNoItem().after(config.ackTimeout()).fail()
                .onFailure().transform(failure -> new SubmitUnavailableException(config.retryAfter(), failure))
                // Read-your-writes: a GET on this instance finds the ticket even before the view reads it back.
                .invoke(() -> store.applyTicket(ticket.id(), TicketFields.of(ticket)))
                // A relative Location as the links use; ResponseBuilder.location() would make it absolute.
                .map(ignored -> RestResponse.ResponseBuilder.accepted(SubmitAccepted.of(ticket))
                        .header(HttpHeaders.LOCATION, SubmitAccepted.location(ticket.id()))
                        .build());
    }
}
