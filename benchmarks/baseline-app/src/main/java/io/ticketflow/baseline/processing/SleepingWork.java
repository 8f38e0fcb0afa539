package io.ticketflow.baseline.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What the baseline processors do with a ticket: a {@code delay} ticket sleeps for its {@code payload.ms} (the
 * blocking call they stand for), anything else is echoed. The result carries startedAt and finishedAt like the
 * worker's, so the harness measures both the same way.
 */
@ApplicationScoped
public class SleepingWork {

    public TicketResult perform(TicketRecord ticket, String worker) throws InterruptedException {
        Instant startedAt = Instant.now();
        long ms = ticket.payload() == null ? 0 : ticket.payload().path("ms").asLong(0);
        // Holds a worker thread for the whole wait: exactly the cost the baselines are there to show.
        Thread.sleep(ms);
        JsonNode result = "delay".equals(ticket.type())
                ? JsonNodeFactory.instance.objectNode().put("sleptMs", ms)
                : ticket.payload();
        return TicketResult.succeeded(ticket.id(), 1, result, startedAt, Instant.now(), worker);
    }
}
