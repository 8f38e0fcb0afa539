package io.ticketflow.baseline.submit;

import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/**
 * Baseline of the REST-submit scenario: binds the same ticket JSON and answers 202 with an id and a Location, on
 * the event loop, without Kafka. What is left is the cost of Quarkus REST, JSON and HTTP on this machine.
 */
@Path("/tickets")
public class TrivialSubmitResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Accepted>> submit(TicketRecord ticket) {
        String id = UUID.randomUUID().toString();
        return Uni.createFrom().item(RestResponse.ResponseBuilder.<Accepted>accepted()
                .entity(new Accepted(id, ticket.type()))
                .location(URI.create("/tickets/" + id))
                .build());
    }

    public record Accepted(String id, String type) {
    }
}
