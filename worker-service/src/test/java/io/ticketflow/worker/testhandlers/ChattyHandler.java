package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.Progress;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code chatty}, for tests: reports progress {@code payload.reports} times, one every {@code payload.everyMs}
 * (percent 1, 2, ..., with partial output "x" repeated), then answers {@code {"reports": n}}.
 */
@ApplicationScoped
public class ChattyHandler implements TicketHandler {

    @Override
    public String type() {
        return "chatty";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return handle(ticket, Progress.IGNORED);
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket, Progress progress) {
        int reports = ticket.payload().path("reports").asInt();
        Duration every = Duration.ofMillis(ticket.payload().path("everyMs").asLong());
        return Multi.createFrom().ticks().every(every).select().first(reports)
                .onItem().invoke(tick -> {
                    int n = Math.toIntExact(tick + 1);
                    progress.report(new TicketProgress(n * 100 / reports, "step " + n, "x".repeat(n)));
                })
                .onItem().ignoreAsUni()
                .map(done -> JsonNodeFactory.instance.objectNode().put("reports", reports));
    }
}
