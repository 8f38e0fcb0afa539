package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import jakarta.inject.Singleton;

/** {@code echo}: returns its payload, the smallest end-to-end check of the pipeline. */
@Singleton
public class EchoHandler implements TicketHandler {

    @Override
    public String type() {
        return "echo";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return Uni.createFrom().item(ticket.payload() == null ? NullNode.getInstance() : ticket.payload());
    }
}
