package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code hang}, for tests: never answers, and remembers which tickets' work was stopped (its Uni cancelled). */
@ApplicationScoped
public class HangingHandler implements TicketHandler {

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    @Override
    public String type() {
        return "hang";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return Uni.createFrom().<JsonNode>nothing().onCancellation().invoke(() -> stopped.add(ticket.id()));
    }

    public boolean stopped(String ticketId) {
        return stopped.contains(ticketId);
    }
}
