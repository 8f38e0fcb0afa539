package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** {@code slow}, for tests: answers its payload after {@code payload.ms}; limited in the test profile. */
@ApplicationScoped
public class SlowHandler implements TicketHandler {

    @Override
    public String type() {
        return "slow";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return Uni.createFrom().item(ticket.payload())
                .onItem().delayIt().by(Duration.ofMillis(ticket.payload().path("ms").asLong()));
    }
}
