package io.ticketflow.worker.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code flaky}, for tests: fails retryably the first {@code payload.failures} times it runs a ticket (each failure
 * after {@code payload.ms}, default 0), then returns
 * {@code {"calls": n}}. Its type grants four attempts, one more than the worker's default.
 */
@ApplicationScoped
public class FlakyHandler implements TicketHandler {

    public static final String FAILURE_CODE = "flaky_failure";
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "flaky";
    }

    @Override
    public Uni<JsonNode> handle(TicketRecord ticket) {
        int call = calls.computeIfAbsent(ticket.id(), id -> new AtomicInteger()).incrementAndGet();
        if (call <= ticket.payload().path("failures").asInt()) {
            Uni<JsonNode> failure = Uni.createFrom().failure(new TicketFailure(FAILURE_CODE, "failure " + call, true));
            long ms = ticket.payload().path("ms").asLong();
            return ms == 0 ? failure : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(ms))
                    .chain(() -> failure);
        }
        return Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("calls", call));
    }

    @Override
    public Optional<Integer> defaultMaxAttempts() {
        return Optional.of(DEFAULT_MAX_ATTEMPTS);
    }
}
