package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code delay}: waits {@code payload.ms} milliseconds and returns {@code {"sleptMs": n}}. The stand-in for slow
 * I/O: the wait is a timer, so thousands of delay tickets hold no thread.
 */
@ApplicationScoped
public class DelayHandler implements TicketHandler {

    private final DelayConfig config;

    public DelayHandler(DelayConfig config) {
        this.config = config;
    }

    @Override
    public String type() {
        return "delay";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        return Uni.createFrom().item(() -> millis(ticket.payload()))
                .onItem().transformToUni(ms -> Uni.createFrom().item(ms).onItem().delayIt().by(Duration.ofMillis(ms)))
                .map(ms -> JsonNodeFactory.instance.objectNode().put("sleptMs", ms));
    }

    @Override
    public Optional<Duration> defaultTimeout() {
        return config.defaultTimeout();
    }

    static long millis(JsonNode payload) {
        JsonNode ms = payload == null ? null : payload.get("ms");
        if (ms == null || !ms.isIntegralNumber() || !ms.canConvertToLong() || ms.longValue() < 0) {
            throw TicketFailure.invalidPayload("delay needs a payload {\"ms\": <integer >= 0>}");
        }
        return ms.longValue();
    }
}
