package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code broken}, for tests: fails with an exception no handler should throw, which the worker logs. */
@ApplicationScoped
public class BrokenHandler implements TicketHandler {

    @Override
    public String type() {
        return "broken";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return Uni.createFrom().failure(new IllegalStateException("broken on purpose"));
    }
}
