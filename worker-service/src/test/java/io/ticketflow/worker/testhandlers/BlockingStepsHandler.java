package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.BlockingTicketHandler;
import io.ticketflow.worker.handlers.Progress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code blocking-steps}, for tests: blocking code that takes {@code payload.steps} steps of {@code payload.stepMs}
 * each (a sleep standing in for a JDBC call), reporting progress after each, then answers {@code {"steps": n}}.
 */
@ApplicationScoped
public class BlockingStepsHandler implements BlockingTicketHandler {

    @Override
    public String type() {
        return "blocking-steps";
    }

    @Override
    public JsonNode handle(TicketRecord ticket) throws InterruptedException {
        return handle(ticket, Progress.IGNORED);
    }

    @Override
    public JsonNode handle(TicketRecord ticket, Progress progress) throws InterruptedException {
        int steps = ticket.payload().path("steps").asInt();
        long stepMs = ticket.payload().path("stepMs").asLong();
        for (int step = 1; step <= steps; step++) {
            Thread.sleep(stepMs);
            progress.report(step * 100 / steps, "step " + step + " of " + steps);
        }
        return JsonNodeFactory.instance.objectNode().put("steps", steps);
    }
}
